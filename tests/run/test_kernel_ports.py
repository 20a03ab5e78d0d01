"""A TCP kernel (Windows, PERFLIB_PORTABLE) whose ports another process took between jupyter_client
choosing them and the kernel binding them is started again on other ports, not failed."""
import socket

from jupyter_client.provisioning.local_provisioner import LocalPortCache
from loops import run_apart

from perflib.run import platform
from perflib.run.kernels import WarmKernel


def test_a_tcp_kernel_whose_port_was_taken_starts_on_other_ports(monkeypatch):
    monkeypatch.setenv(platform.PORTABLE_ENV, "1")
    taken = socket.socket()  # another process's socket on the port jupyter_client is about to give
    taken.bind(("127.0.0.1", 0))
    taken.listen()
    port = taken.getsockname()[1]
    real = LocalPortCache.find_available_port
    given = []

    def first_the_taken_port(self, ip):
        given.append(port if not given else real(self, ip))
        return given[-1]

    monkeypatch.setattr(LocalPortCache, "find_available_port", first_the_taken_port)

    async def start_and_stop():
        kernel = await WarmKernel().start()
        try:
            return kernel.km.shell_port, await kernel.km.is_alive()
        finally:
            await kernel.shutdown()

    try:
        shell_port, alive = run_apart(start_and_stop)
    finally:
        taken.close()
    assert given[0] == port and len(given) > 5  # the first kernel got the taken port; a second, others
    assert alive and shell_port != port
