namespace TieredFs.Daemon.Config;

/// <summary>
/// The `mount` keys against the running system: each named mount must be a mountpoint, and the
/// directory that names it must be on the filesystem mounted there. Runs before any directory is
/// created, so a disk that is not mounted never gets a tier directory made on the disk underneath.
/// </summary>
internal static class MountCheck
{
    /// <param name="metadataDir">The metadata directory that will be used (configured or default).</param>
    /// <exception cref="ConfigException">Naming the key and the tier, e.g. "tier[2].mount: /mnt/hdd: is not a mountpoint …".</exception>
    public static void Check(string source, DaemonConfig cfg, string metadataDir)
    {
        var required = cfg.RequiredMounts;
        var tiers = cfg.Volume.Tiers;
        List<string>? mountPoints = null; // read once, and only when some mount is named
        for (int i = 0; i < tiers.Count; i++)
        {
            if (required.OfTier(i) is not { } mount) continue;
            mountPoints ??= MountTable.Read();
            CheckOne(new Subject(source, $"tier[{i + 1}]", "path", "mount", $"tier \"{tiers[i].Name}\""),
                tiers[i].Path, mount, mountPoints);
        }
        if (required.MetadataDir is { } metadataMount)
        {
            mountPoints ??= MountTable.Read();
            CheckOne(new Subject(source, DocumentLayout.VolumeTable, "metadata_dir", "metadata_mount", "the metadata"),
                metadataDir, metadataMount, mountPoints);
        }
    }

    /// <summary>Who is being checked, for messages: keys "prefix.dirKey" and "prefix.mountKey", and "what" in prose.</summary>
    private readonly record struct Subject(string Source, string Prefix, string DirKey, string MountKey, string What)
    {
        public ConfigException Fail(string key, string detail) => new(Source, 0, $"{Prefix}.{key}", detail);
    }

    private static void CheckOne(Subject s, string dir, string mount, IReadOnlyList<string> mountPoints)
    {
        if (!Directory.Exists(mount))
            throw s.Fail(s.MountKey, $"{mount}: no such directory, so nothing is mounted there; {s.What} must sit on the filesystem mounted at it");

        // mountinfo spells mountpoints with symlinks resolved.
        var realMount = LibC.RealPathOrNull(mount) ?? mount;
        var spelled = realMount == mount ? mount : $"{mount} (= {realMount})";
        if (!mountPoints.Contains(realMount, StringComparer.Ordinal))
        {
            throw s.Fail(s.MountKey,
                $"{spelled}: is not a mountpoint (is the disk mounted?); refusing to put {s.What} " +
                $"on the filesystem underneath, mounted at {MountTable.Containing(realMount, mountPoints)}");
        }

        var errno = LibC.TryGetDevice(realMount, out var mountDevice);
        if (errno != 0) throw s.Fail(s.MountKey, $"{mount}: cannot stat: {LibC.Describe(errno)}");

        // The directory may not exist yet (it is created later); then its nearest existing
        // ancestor decides, since that is the filesystem it would be created on.
        var existing = dir;
        DeviceNumber dirDevice;
        while (LibC.IsMissing(errno = LibC.TryGetDevice(existing, out dirDevice)) && Path.GetDirectoryName(existing) is { } parent)
            existing = parent;
        if (errno != 0) throw s.Fail(s.DirKey, $"{dir}: cannot stat {existing}: {LibC.Describe(errno)}");

        if (dirDevice != mountDevice)
        {
            var realDir = LibC.RealPathOrNull(existing) ?? existing;
            var holder = MountTable.Containing(realDir, mountPoints);
            var where = holder == realMount ? "" : $", mounted at {holder}";
            throw s.Fail(s.DirKey,
                $"{dir}: is not on the filesystem mounted at {spelled} ({s.Prefix}.{s.MountKey}, device {mountDevice}) " +
                $"but on device {dirDevice}{where}; {s.What} would fill the wrong disk");
        }
    }
}
