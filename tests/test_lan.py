"""The run command's local-network option."""
import ipaddress
import subprocess
import sys

from app.config import TestConfig, load
from app.server import Launcher, lan_address


def test_lan_address_is_an_ipv4_address_of_this_machine():
    assert ipaddress.ip_address(lan_address()).version == 4


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
