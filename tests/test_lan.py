"""The run command's local-network option."""
import ipaddress
import subprocess
import sys

from app.server import lan_address


def test_lan_address_is_an_ipv4_address_of_this_machine():
    assert ipaddress.ip_address(lan_address()).version == 4


def test_lan_refuses_a_host_it_would_ignore():
    result = subprocess.run([sys.executable, "-m", "app", "--lan", "--host", "10.0.0.1"],
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 2 and "--lan listens on every interface" in result.stderr
