namespace Ziggie.Backend.SystemInfo;

/// <summary>
/// The disk that holds the backend's content root, found among the mounted drives by the longest
/// matching root: <c>/</c> or a volume in a container, <c>D:\</c> on a Windows machine that runs
/// it from there. The old backend read <c>C:\</c> and broke in every Linux container.
/// </summary>
public sealed class DiskMeter(IHostEnvironment environment)
{
    public DiskStats Read()
    {
        var path = Path.GetFullPath(environment.ContentRootPath);
        var drive = DriveInfo.GetDrives()
            .Where(d => IsUnder(path, d.RootDirectory.FullName) && HasSize(d))
            .MaxBy(d => d.RootDirectory.FullName.Length)
            ?? new DriveInfo(Path.GetPathRoot(path)!);

        // The figures df shows: used is what files take, free is what this user can still write (blocks reserved
        // for root excluded), and the percent is used of used + free, so "full" means nothing more can be written.
        var used = drive.TotalSize - drive.TotalFreeSpace;
        var free = drive.AvailableFreeSpace;
        return new DiskStats(drive.RootDirectory.FullName, drive.TotalSize, used, free, Percent.Of(used, used + free));
    }

    // Some mounts (proc, a disconnected network share) cannot be sized, or not by this user.
    private static bool HasSize(DriveInfo drive)
    {
        try
        {
            return drive.IsReady && drive.TotalSize > 0;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    private static bool IsUnder(string path, string root)
    {
        var comparison = OperatingSystem.IsWindows() ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;
        var rootWithSeparator = root.EndsWith(Path.DirectorySeparatorChar) ? root : root + Path.DirectorySeparatorChar;
        return path.Equals(root, comparison) || path.StartsWith(rootWithSeparator, comparison);
    }
}
