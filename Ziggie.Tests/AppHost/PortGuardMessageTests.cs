extern alias AppHost;

using System.Net;
using AppHost::Ziggie.AppHost.Hosting;

namespace Ziggie.Tests.AppHost;

/// <summary>What the port guard tells a person: every port, every process, and the command to stop it on their OS.</summary>
public class PortGuardMessageTests
{
    private static readonly PinnedPort[] Pins =
    [
        new(54112, "resource \"backend\", endpoint \"http\""),
        new(3001, "resource \"frontend\", endpoint \"http\""),
        new(18888, "resource \"aspire-dashboard\", endpoint \"http\""),
    ];

    private static readonly PortListener Stray = new(54112, IPAddress.Loopback, 4242, "python3", "python3 main.py");

    [Fact]
    public void Each_listener_is_listed_under_its_port_with_address_PID_name_command_line_and_the_command_to_stop_it()
    {
        var message = PortGuardMessage.Format(Pins, [Stray, Stray with { Address = IPAddress.IPv6Loopback, ProcessId = 4250 }], HostOs.Linux);

        Assert.StartsWith("Ziggie did not start: another process listens on port 54112, which Ziggie pins.", message);
        Assert.Contains("""
            Port 54112 (resource "backend", endpoint "http"):
              127.0.0.1:54112  PID 4242  python3
                command line: python3 main.py
                stop it:      kill 4242
              [::1]:54112  PID 4250  python3
                command line: python3 main.py
                stop it:      kill 4250
            """.ReplaceLineEndings(), message);
        Assert.Contains("Stop them all with: kill 4242 4250", message);
        Assert.DoesNotContain("3001", message);
        Assert.EndsWith("dotnet run --project Ziggie.AppHost", message);
    }

    [Fact]
    public void A_listener_whose_owner_cannot_be_read_is_still_named_with_the_command_that_finds_it()
    {
        var unknown = new PortListener(3001, IPAddress.Any);
        var message = PortGuardMessage.Format(Pins, [unknown], HostOs.Linux);

        Assert.Contains("""
            Port 3001 (resource "frontend", endpoint "http"):
              0.0.0.0:3001  owner unknown: this user cannot see which process holds it
                find it:      sudo ss -ltnp 'sport = :3001'
            """.ReplaceLineEndings(), message);
        Assert.Contains("Find the owner with the command above and stop it,", message);
        Assert.Contains("find it:      sudo lsof -nP -iTCP:3001 -sTCP:LISTEN", PortGuardMessage.Format(Pins, [unknown], HostOs.MacOS));
        Assert.Contains("find it:      netstat -abno | findstr :3001", PortGuardMessage.Format(Pins, [unknown], HostOs.Windows));
    }

    [Fact]
    public void On_windows_the_commands_are_PowerShell_and_cmd()
    {
        var message = PortGuardMessage.Format(Pins, [Stray, Stray with { Port = 18888, ProcessId = 77 }], HostOs.Windows);

        Assert.Contains("stop it:      Stop-Process -Id 4242   (cmd: taskkill /F /PID 4242)", message);
        Assert.Contains("Stop them all with: Stop-Process -Id 77,4242   (cmd: taskkill /F /PID 77 /PID 4242)", message);
        Assert.Contains("other processes listen on ports 18888, 54112", message);
    }

    [Theory]
    [InlineData("dcp", "another Aspire AppHost")]
    [InlineData("docker-proxy", "docker ps --filter publish=54112")]
    public void Owners_that_should_not_simply_be_killed_get_a_note(string name, string note)
    {
        var message = PortGuardMessage.Format(Pins, [Stray with { ProcessName = name }], HostOs.Linux);

        Assert.Contains(note, message);
    }
}
