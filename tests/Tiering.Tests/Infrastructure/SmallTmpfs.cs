using System.Diagnostics;
using TieredFs.Tiering.DataPath;

namespace TieredFs.Tiering.Tests.Infrastructure;

/// <summary>
/// A tmpfs of a few MiB mounted on a fresh temp directory: a real filesystem that really fills up
/// (needs root). Dispose unmounts it (lazily if something still holds it) and removes the directory.
/// </summary>
public sealed class SmallTmpfs : IDisposable
{
    private SmallTmpfs(string path) => Path = path;

    public string Path { get; }

    /// <summary>Bytes an unprivileged writer could still use.</summary>
    public long AvailableBytes => Posix.SpaceOf(Path).Available;

    public static SmallTmpfs Mount(long bytes)
    {
        string path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "tieredfs-tmpfs-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(path);
        var (code, output) = Run("mount", "-t", "tmpfs", "-o", $"size={bytes}", "tieredfs-test", path);
        if (code != 0)
        {
            Directory.Delete(path);
            throw new InvalidOperationException($"mounting a {bytes}-byte tmpfs on {path} failed (these tests need root): {output}");
        }
        return new SmallTmpfs(path);
    }

    /// <summary>
    /// Fills the filesystem to the last page with a file outside the volume (another program's
    /// data, as far as the volume can tell); returns its path so the test can free the space again.
    /// </summary>
    public string Fill(string name)
    {
        string path = System.IO.Path.Combine(Path, name);
        using var handle = File.OpenHandle(path, FileMode.OpenOrCreate, FileAccess.Write);
        long offset = RandomAccess.GetLength(handle);
        foreach (int chunk in new[] { 1 << 20, 64 << 10, 4 << 10 })
        {
            var buffer = new byte[chunk];
            while (true)
            {
                try
                {
                    RandomAccess.Write(handle, buffer, offset);
                    offset += chunk;
                }
                catch (IOException)
                {
                    // ENOSPC after a partial write: continue from what landed, in smaller pieces.
                    offset = RandomAccess.GetLength(handle);
                    break;
                }
            }
        }
        return path;
    }

    public void Dispose()
    {
        if (Run("umount", Path).Code != 0)
            Run("umount", "-l", Path);
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // Still mounted (lazily detached but busy): leave the empty directory behind.
        }
    }

    private static (int Code, string Output) Run(string file, params string[] args)
    {
        var psi = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in args)
            psi.ArgumentList.Add(a);
        using var p = Process.Start(psi)!;
        string output = p.StandardOutput.ReadToEnd() + p.StandardError.ReadToEnd();
        p.WaitForExit();
        return (p.ExitCode, output);
    }
}
