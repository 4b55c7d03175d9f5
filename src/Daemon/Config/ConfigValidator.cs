namespace TieredFs.Daemon.Config;

/// <summary>
/// Checks a parsed config against the real filesystem: the second validation step, kept apart from
/// <see cref="ConfigLoader"/> so configs (and the embedded default) can be parsed before the
/// directories exist, and so creating directories is an explicit decision of the caller.
/// </summary>
public static class ConfigValidator
{
    /// <summary>
    /// First, before anything is created, verifies every `mount` a tier or the metadata names is a
    /// mountpoint and the directory is on it (<see cref="MountCheck"/>). Then verifies every tier
    /// directory and the metadata directory exists (or, with
    /// <paramref name="createMissing"/>, creates it with its parents), is a directory and is
    /// writable; and that no two tiers are the same directory or nest, even through symlinks.
    /// Without <paramref name="createMissing"/>, a missing directory passes if it could be created:
    /// its parent exists and is writable, or is itself a directory that would be created.
    /// </summary>
    /// <exception cref="ConfigException">Naming the key, e.g. "tier[1].path: /x/y: parent directory does not exist".</exception>
    public static void CheckPaths(DaemonConfig cfg, bool createMissing)
    {
        var source = cfg.SourcePath ?? EmbeddedDefault.SourceName;
        var tiers = cfg.Volume.Tiers;
        if (tiers.Count == 0)
            throw new ConfigException(source, 0, DocumentLayout.TierArray, "at least one tier is required");

        var metadataDir = cfg.Volume.MetadataDir ?? Path.Join(tiers[0].Path, "meta");
        MountCheck.Check(source, cfg, metadataDir);

        var wouldCreate = new HashSet<string>(StringComparer.Ordinal);
        var tierDirs = new List<string>(tiers.Count);
        for (int i = 0; i < tiers.Count; i++)
            tierDirs.Add(CheckDirectory(source, $"tier[{i + 1}].path", tiers[i].Path, createMissing, wouldCreate));

        var metadata = CheckDirectory(source, "volume.metadata_dir", metadataDir, createMissing, wouldCreate);

        CheckNoOverlap(source, tierDirs, metadata);
    }

    /// <returns>The normalized directory path.</returns>
    private static string CheckDirectory(string source, string key, string configured, bool createMissing, HashSet<string> wouldCreate)
    {
        ConfigException Fail(string detail) => new(source, 0, key, detail);

        if (PathRules.Problem(configured) is { } problem) throw Fail(problem);
        var dir = PathRules.Normalize(configured);

        if (File.Exists(dir)) throw Fail($"{dir}: exists but is not a directory");
        if (!Directory.Exists(dir))
        {
            if (!createMissing)
            {
                CheckCreatable(dir, wouldCreate, Fail);
                return dir;
            }
            try
            {
                Directory.CreateDirectory(dir);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                throw Fail($"{dir}: cannot create directory: {ex.Message}");
            }
        }

        if (LibC.WhyNotWritable(dir) is { } why) throw Fail($"{dir}: directory is not writable ({why})");
        return dir;
    }

    private static void CheckCreatable(string dir, HashSet<string> wouldCreate, Func<string, ConfigException> fail)
    {
        var parent = Path.GetDirectoryName(dir) ?? "/";
        if (!wouldCreate.Contains(parent))
        {
            if (File.Exists(parent)) throw fail($"{dir}: parent {parent} is not a directory");
            if (!Directory.Exists(parent)) throw fail($"{dir}: parent directory does not exist");
            if (LibC.WhyNotWritable(parent) is { } why)
                throw fail($"{dir}: cannot be created: parent directory {parent} is not writable ({why})");
        }
        wouldCreate.Add(dir);
    }

    /// <summary>
    /// Repeats the parse-time overlap rule on symlink-resolved paths: two spellings of one
    /// directory would make two tiers count and evict the same files.
    /// </summary>
    private static void CheckNoOverlap(string source, List<string> tierDirs, string metadataDir)
    {
        var real = tierDirs.Select(Resolve).ToList();
        for (int j = 0; j < real.Count; j++)
        {
            for (int i = 0; i < j; i++)
            {
                if (PathRules.Overlap($"tier[{i + 1}].path", real[i], real[j]) is { } overlap)
                {
                    var via = real[j] == tierDirs[j] && real[i] == tierDirs[i] ? "" : " (after resolving symlinks)";
                    throw new ConfigException(source, 0, $"tier[{j + 1}].path", overlap + via);
                }
            }
        }

        var realMeta = Resolve(metadataDir);
        for (int i = 0; i < real.Count; i++)
        {
            if (PathRules.Compare(realMeta, real[i]) == PathRules.Relation.Same)
                throw new ConfigException(source, 0, "volume.metadata_dir",
                    $"{metadataDir}: is the same directory as tier[{i + 1}].path; use a subdirectory");
        }
    }

    /// <summary>realpath of the deepest existing ancestor, with the not-yet-existing rest appended.</summary>
    private static string Resolve(string dir)
    {
        var missing = new Stack<string>();
        var current = dir;
        string? real;
        while ((real = LibC.RealPathOrNull(current)) is null)
        {
            var parent = Path.GetDirectoryName(current);
            if (parent is null) return dir;
            missing.Push(Path.GetFileName(current));
            current = parent;
        }
        foreach (var name in missing) real = Path.Join(real, name);
        return real;
    }
}
