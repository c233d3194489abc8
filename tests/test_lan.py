"""The run command's local-network option."""
import fcntl
import ipaddress
import socket
import struct
import subprocess
import sys

import pytest

from app.config import TestConfig, load
from app.server import Launcher, lan_address

SIOCGIFADDR = 0x8915   # Linux: an interface's IPv4 address


def interface_addresses() -> set[str]:
    """The IPv4 addresses of this machine's interfaces, read from the kernel."""
    found = set()
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
        for _, name in socket.if_nameindex():
            try:
                packed = fcntl.ioctl(probe.fileno(), SIOCGIFADDR,
                                     struct.pack("256s", name.encode()[:15]))
            except OSError:           # an interface without an IPv4 address
                continue
            found.add(socket.inet_ntoa(packed[20:24]))
    return found


def test_lan_address_is_a_non_loopback_address_of_this_machine():
    reachable = {a for a in interface_addresses() if not ipaddress.ip_address(a).is_loopback}
    if not reachable:
        pytest.skip("this machine has no network interface but loopback")
    address = lan_address()
    assert not ipaddress.ip_address(address).is_loopback, "fell back to loopback"
    assert address in reachable, f"{address} is not one of this machine's {sorted(reachable)}"


def test_lan_refuses_a_host_it_would_ignore():
    result = subprocess.run([sys.executable, "-m", "app", "--lan", "--host", "10.0.0.1"],
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 2 and "--lan listens on every interface" in result.stderr


def test_lan_gives_the_served_app_its_lan_address_as_public_url():
    """Join links and QR codes carry the LAN address even when the teacher browses at 127.0.0.1."""
    values = load(TestConfig)
    launcher = Launcher(values, "0.0.0.0", 5123, lan=True)  # built, never run: binds nothing
    assert launcher.cfg.bind == ["0.0.0.0:5123"]
    served = launcher.load().config
    assert served["PUBLIC_URL"] == f"http://{lan_address()}:5123/"
    assert (served["HOST"], served["PORT"]) == ("0.0.0.0", 5123)
    assert "PUBLIC_URL" not in Launcher(values, "127.0.0.1", 5123).overrides
