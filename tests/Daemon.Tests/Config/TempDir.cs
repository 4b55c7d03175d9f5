namespace TieredFs.Daemon.Tests.Config;

/// <summary>A fresh directory under /tmp, deleted on dispose; tests use the real filesystem, not mocks.</summary>
public sealed class TempDir : IDisposable
{
    public TempDir()
    {
        Path = Directory.CreateTempSubdirectory("tieredfs-config-test-").FullName;
    }

    public string Path { get; }

    public string Combine(params string[] parts) => System.IO.Path.Join([Path, .. parts]);

    public string WriteFile(string name, string text)
    {
        var file = Combine(name);
        File.WriteAllText(file, text);
        return file;
    }

    public void Dispose()
    {
        try { Directory.Delete(Path, recursive: true); }
        catch (IOException) { /* best effort; /tmp is cleaned eventually */ }
    }
}
