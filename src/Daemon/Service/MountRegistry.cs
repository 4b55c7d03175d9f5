using System.Text;
using System.Text.Json;

namespace TieredFs.Daemon.Service;

/// <summary>One running daemon, as recorded in &lt;run dir&gt;/mounts/&lt;escaped mountpoint&gt;.</summary>
internal sealed record MountRecord(string MountPoint, string ControlSocket, int Pid, string? Config);

/// <summary>
/// How `tieredfs status MOUNTPOINT` (and pin/unpin PATH) find the daemon serving a mount: each
/// daemon writes a small JSON file named after its mountpoint, escaped as `systemd-escape --path`
/// does, and removes it at exit. Entries whose pid is gone (a crash) are ignored by readers.
/// A file rather than a virtual xattr on the mount root because it also works when the mount is
/// hung or dead, which is exactly when an admin asks for status.
/// </summary>
internal static class MountRegistry
{
    public static string Directory => Path.Join(RuntimePaths.RunDirectory, "mounts");

    /// <summary>systemd path escaping: strip slashes at the ends, "/" → "-", anything but [A-Za-z0-9:_.] → \xNN.</summary>
    public static string Escape(string mountPoint)
    {
        string trimmed = mountPoint.Trim('/');
        if (trimmed.Length == 0)
            return "-";
        var sb = new StringBuilder();
        byte[] bytes = Encoding.UTF8.GetBytes(trimmed);
        for (int i = 0; i < bytes.Length; i++)
        {
            byte b = bytes[i];
            if (b == '/')
                sb.Append('-');
            else if (char.IsAsciiLetterOrDigit((char)b) || b == ':' || b == '_' || (b == '.' && i > 0))
                sb.Append((char)b);
            else
                sb.Append("\\x").Append(b.ToString("x2"));
        }
        return sb.ToString();
    }

    public static void Register(MountRecord record)
    {
        System.IO.Directory.CreateDirectory(Directory);
        string path = Path.Join(Directory, Escape(record.MountPoint));
        string temp = path + ".tmp" + Environment.ProcessId;
        File.WriteAllText(temp, JsonSerializer.Serialize(record, ControlProtocol.Json));
        File.Move(temp, path, overwrite: true);
    }

    /// <summary>Removes the entry if it is still ours (a restarted daemon may already have replaced it).</summary>
    public static void Unregister(string mountPoint)
    {
        string path = Path.Join(Directory, Escape(mountPoint));
        if (TryRead(path) is { } record && record.Pid == Environment.ProcessId)
            File.Delete(path);
    }

    /// <summary>Entries of live daemons.</summary>
    public static List<MountRecord> List()
    {
        var records = new List<MountRecord>();
        if (!System.IO.Directory.Exists(Directory))
            return records;
        foreach (string file in System.IO.Directory.EnumerateFiles(Directory))
        {
            if (TryRead(file) is { } record && System.IO.Directory.Exists($"/proc/{record.Pid}"))
                records.Add(record);
        }
        return records;
    }

    /// <summary>The live mount that contains <paramref name="path"/> (longest mountpoint prefix), or null.</summary>
    public static MountRecord? Containing(string path)
    {
        string full = Path.GetFullPath(path);
        MountRecord? best = null;
        foreach (var record in List())
        {
            bool inside = full == record.MountPoint || full.StartsWith(record.MountPoint.TrimEnd('/') + "/", StringComparison.Ordinal);
            if (inside && (best is null || record.MountPoint.Length > best.MountPoint.Length))
                best = record;
        }
        return best;
    }

    private static MountRecord? TryRead(string file)
    {
        try
        {
            return JsonSerializer.Deserialize<MountRecord>(File.ReadAllText(file), ControlProtocol.Json);
        }
        catch (Exception e) when (e is IOException or JsonException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
