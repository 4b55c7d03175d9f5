using TieredFs.Daemon.Config;

namespace TieredFs.Daemon.Tests.Config;

/// <summary>Every class of mistake gives a ConfigException naming the right key and line.</summary>
public class ConfigErrorTests
{
    private static void AssertError(ConfigException ex, string key, int line, string detailContains)
    {
        Assert.Equal(Toml.Source, ex.SourceName);
        Assert.Equal(key, ex.Key);
        Assert.Equal(line, ex.Line);
        Assert.Contains(detailContains, ex.Detail);
        var location = line > 0 ? $"{Toml.Source}:{line}" : Toml.Source;
        Assert.Equal(key.Length > 0 ? $"{location}: {key}: {ex.Detail}" : $"{location}: {ex.Detail}", ex.Message);
    }

    [Fact]
    public void MessageMatchesDocumentedFormat()
    {
        const string text = """
            [volume]
            extent_size = "1MiB"

            [[tier]]
            name = "nvme"
            path = "/mnt/nvme/tieredfs"
            [[tier]]
            name = "hdd"
            path = "/mnt/hdd/tieredfs"
            capacity = "12XB"
            """;
        var ex = Toml.Fails(text);
        Assert.Equal("/etc/tieredfs/test.toml:10: tier[2].capacity: invalid size \"12XB\" (use e.g. 200GiB)", ex.Message);
        AssertError(ex, "tier[2].capacity", 10, "invalid size");
    }

    [Fact]
    public void MissingTierPathNamesTheTierHeaderLine()
    {
        var text = """
            [[tier]]
            name = "nvme"
            path = "/mnt/nvme"

            [[tier]] # second
            name = "hdd"
            """;
        AssertError(Toml.Fails(text), "tier[2].path", Toml.LineOf(text, "# second"), "required key is missing");
    }

    [Fact]
    public void MissingTierName()
    {
        var text = "[[tier]]\npath = \"/mnt/a\"\n";
        AssertError(Toml.Fails(text), "tier[1].name", 1, "required key is missing");
    }

    [Fact]
    public void NoTiers()
    {
        var ex = Toml.Fails("[volume]\nthreads = 1\n");
        AssertError(ex, "tier", 0, "at least one [[tier]]");
    }

    [Theory]
    [InlineData("volume", "extent_sise = \"1MiB\"", "volume.extent_sise")]
    [InlineData("volume", "meta.dir = \"/x\"", "volume.meta.dir")]
    [InlineData("service", "loglevel = \"debug\"", "service.loglevel")]
    public void UnknownKeyInTable(string table, string line, string key)
    {
        var text = $"[{table}]\n{line}\n{Toml.TwoTiers}";
        AssertError(Toml.Fails(text), key, 2, "unknown key");
    }

    [Fact]
    public void UnknownKeyInTier()
    {
        var text = $"{Toml.TwoTiers}\ncapcity = \"1TiB\"\n";
        AssertError(Toml.Fails(text), "tier[2].capcity", Toml.LineOf(text, "capcity"), "unknown key (allowed in [[tier]]: name, path,");
    }

    [Fact]
    public void SingleBracketTierTable()
    {
        var text = "[volume]\n\n[tier]\nname = \"a\"\npath = \"/a\"\n";
        AssertError(Toml.Fails(text), "tier", 3, "write [[tier]] (double brackets)");
    }

    [Fact]
    public void TopLevelKeyIsUnknown()
    {
        var text = $"extent_size = \"1MiB\"\n{Toml.TwoTiers}";
        AssertError(Toml.Fails(text), "extent_size", 1, "unknown top-level key");
    }

    [Theory]
    [InlineData("[volumes]", "volumes", "unknown table")]
    [InlineData("[volume.extra]", "volume.extra", "unknown table")]
    [InlineData("[[service]]", "service", "write [service]")]
    public void UnknownOrMisshapenTable(string header, string key, string detail)
    {
        var text = $"{Toml.TwoTiers}\n\n{header}\n";
        AssertError(Toml.Fails(text), key, Toml.LineOf(text, header), detail);
    }

    [Theory]
    [InlineData("\"12XB\"", "invalid size \"12XB\" (use e.g. 200GiB)")]
    [InlineData("\"-1GiB\"", "must not be negative")]
    [InlineData("-1", "invalid size -1: must not be negative")]
    [InlineData("\"1.1K\"", "not a whole number of bytes")]
    [InlineData("\"100000PiB\"", "too large")]
    [InlineData("0", "must be greater than zero")]
    [InlineData("1.5e9", "expected a size (integer bytes or a string like \"200GiB\"), got float")]
    public void BadCapacity(string value, string detail)
    {
        var text = $"[[tier]]\nname = \"a\"\npath = \"/a\"\ncapacity = {value}\n";
        AssertError(Toml.Fails(text), "tier[1].capacity", 4, detail);
    }

    [Theory]
    [InlineData("\"3MiB\"", "3145728 bytes is not allowed: must be a power of two from 64KiB to 64MiB")]
    [InlineData("\"32KiB\"", "32768 bytes is not allowed")]
    [InlineData("\"128MiB\"", "134217728 bytes is not allowed")]
    [InlineData("0", "0 bytes is not allowed")]
    [InlineData("100000", "100000 bytes is not allowed")]
    [InlineData("\"1MB\"", "1000000 bytes is not allowed")]
    public void BadExtentSize(string value, string detail)
    {
        var text = $"# header comment\n[volume]\nextent_size = {value}\n{Toml.TwoTiers}";
        AssertError(Toml.Fails(text), "volume.extent_size", 3, detail);
    }

    [Theory]
    [InlineData("high_watermark = 0.7\nlow_watermark = 0.8", "low_watermark", "low_watermark (0.8) must be less than high_watermark (0.7)")]
    [InlineData("high_watermark = 0.5\nlow_watermark = 0.5", "low_watermark", "must be less than")]
    [InlineData("high_watermark = 0.5", "high_watermark", "low_watermark (0.75, default) must be less than high_watermark (0.5)")]
    [InlineData("low_watermark = 0.95", "low_watermark", "low_watermark (0.95) must be less than high_watermark (0.9, default)")]
    [InlineData("high_watermark = 1.5", "high_watermark", "out of range")]
    [InlineData("high_watermark = 0", "high_watermark", "out of range")]
    [InlineData("low_watermark = 0.0", "low_watermark", "out of range")]
    [InlineData("low_watermark = -0.1", "low_watermark", "out of range")]
    [InlineData("high_watermark = nan", "high_watermark", "out of range")]
    [InlineData("high_watermark = \"90%\"", "high_watermark", "expected a number, got string")]
    public void BadWatermarks(string lines, string key, string detail)
    {
        var text = $"[[tier]]\nname = \"a\"\npath = \"/a\"\n{lines}\n";
        AssertError(Toml.Fails(text), $"tier[1].{key}", Toml.LineOf(text, key + " ="), detail);
    }

    [Fact]
    public void DuplicateTierNameIsCaseInsensitive()
    {
        var text = $"{Toml.TwoTiers}\n[[tier]]\nname = \"NVMe\"\npath = \"/mnt/other\"\n";
        AssertError(Toml.Fails(text), "tier[3].name", Toml.LineOf(text, "\"NVMe\""), "duplicate tier name \"NVMe\" (already used by tier[1])");
    }

    [Theory]
    [InlineData("")]
    [InlineData("has space")]
    [InlineData("dot.ted")]
    [InlineData("a23456789012345678901234567890123")]
    public void InvalidTierName(string name)
    {
        var text = $"[[tier]]\nname = \"{name}\"\npath = \"/a\"\n";
        AssertError(Toml.Fails(text), "tier[1].name", 2, "invalid tier name");
    }

    [Theory]
    [InlineData("relative/path", "is not an absolute path")]
    [InlineData("", "must not be empty")]
    [InlineData("/", "must not be the filesystem root")]
    [InlineData("/mnt/nvme/tieredfs/", "is the same directory as tier[1].path")]
    [InlineData("/mnt/nvme/tieredfs/../tieredfs", "is the same directory as tier[1].path")]
    [InlineData("/mnt/nvme/tieredfs/cold", "is inside tier[1].path")]
    [InlineData("/mnt", "contains tier[1].path")]
    public void BadTierPath(string path, string detail)
    {
        var text = $"[[tier]]\nname = \"a\"\npath = \"/mnt/nvme/tieredfs\"\n[[tier]]\nname = \"b\"\npath = \"{path}\"\n";
        AssertError(Toml.Fails(text), "tier[2].path", 6, detail);
    }

    [Fact]
    public void MetadataDirMustNotBeATierItself()
    {
        var text = $"[volume]\nmetadata_dir = \"/mnt/hdd/tieredfs\"\n{Toml.TwoTiers}";
        AssertError(Toml.Fails(text), "volume.metadata_dir", 2, "same directory as tier[2].path");
    }

    [Theory]
    [InlineData("volume", "extent_size = 1.5", "volume.extent_size", "got float")]
    [InlineData("volume", "allow_other = \"yes\"", "volume.allow_other", "expected true or false, got string")]
    [InlineData("volume", "writeback_cache = 1", "volume.writeback_cache", "expected true or false, got integer")]
    [InlineData("volume", "threads = \"4\"", "volume.threads", "expected an integer, got string")]
    [InlineData("volume", "threads = -1", "volume.threads", "out of range")]
    [InlineData("volume", "threads = 4294967296", "volume.threads", "out of range")]
    [InlineData("volume", "metadata_dir = 5", "volume.metadata_dir", "expected a string, got integer")]
    [InlineData("volume", "metadata_dir = [\"/a\"]", "volume.metadata_dir", "expected a string, got array")]
    [InlineData("volume", "metadata_dir = \"meta\"", "volume.metadata_dir", "not an absolute path")]
    [InlineData("service", "log_level = \"loud\"", "service.log_level", "unknown level \"loud\"")]
    [InlineData("service", "log_level = 3", "service.log_level", "expected a string, got integer")]
    [InlineData("service", "control_socket = true", "service.control_socket", "expected a string, got boolean")]
    [InlineData("service", "control_socket = \"media.sock\"", "service.control_socket", "not an absolute path")]
    [InlineData("service", "mountpoint = \"srv/media\"", "service.mountpoint", "not an absolute path")]
    [InlineData("service", "mountpoint = \"/\"", "service.mountpoint", "must not be the filesystem root")]
    [InlineData("service", "log_file = 7", "service.log_file", "expected a string, got integer")]
    [InlineData("service", "metrics_listen = 9567", "service.metrics_listen", "expected a string, got integer")]
    [InlineData("service", "metrics_listen = \"localhost\"", "service.metrics_listen", "is not host:port")]
    [InlineData("service", "metrics_listen = \"127.0.0.1:70000\"", "service.metrics_listen", "is not host:port")]
    [InlineData("service", "metrics_listen = { host = \"a\" }", "service.metrics_listen", "got inline table")]
    public void WrongTypeOrValue(string table, string line, string key, string detail)
    {
        var text = $"{Toml.TwoTiers}\n[{table}]\n{line}\n";
        AssertError(Toml.Fails(text), key, Toml.LineOf(text, line), detail);
    }

    [Fact]
    public void TierNameWrongType()
    {
        var text = "[[tier]]\nname = 1979-05-27\npath = \"/a\"\n";
        AssertError(Toml.Fails(text), "tier[1].name", 2, "expected a string, got date-time");
    }

    [Fact]
    public void ControlSocketTooLong()
    {
        var socket = "/run/" + new string('s', 110);
        var text = $"[service]\ncontrol_socket = \"{socket}\"\n{Toml.TwoTiers}";
        AssertError(Toml.Fails(text), "service.control_socket", 2, "too long for a unix socket");
    }

    [Theory]
    [InlineData("[volume\nthreads = 1\n", 1)]
    [InlineData("[volume]\nthreads = = 1\n", 2)]
    [InlineData("[volume]\n\nthreads = 1\nthreads = 2\n", 4)]
    [InlineData("[volume]\n[volume]\n", 2)]
    [InlineData("[[tier]]\nname = \"unterminated\npath = \"/a\"\n", 2)]
    public void SyntaxErrorGivesLine(string text, int line)
    {
        var ex = Toml.Fails(text);
        AssertError(ex, "", line, "TOML syntax error");
    }

    [Fact]
    public void MissingFileNamesTheFile()
    {
        using var dir = new TempDir();
        var path = dir.Combine("nope.toml");

        var ex = Assert.Throws<ConfigException>(() => ConfigLoader.LoadFile(path));

        Assert.Equal(path, ex.SourceName);
        Assert.Equal(0, ex.Line);
        Assert.Equal($"{path}: config file not found", ex.Message);
    }

    [Fact]
    public void DirectoryInsteadOfFile()
    {
        using var dir = new TempDir();

        var ex = Assert.Throws<ConfigException>(() => ConfigLoader.LoadFile(dir.Path));

        Assert.Equal($"{dir.Path}: is a directory, not a config file", ex.Message);
    }

    [Fact]
    public void ErrorsInFilesNameTheFilePath()
    {
        using var dir = new TempDir();
        var path = dir.WriteFile("bad.toml", $"{Toml.TwoTiers}\nbogus = 1\n");

        var ex = Assert.Throws<ConfigException>(() => ConfigLoader.LoadFile(path));

        Assert.Equal(path, ex.SourceName);
        Assert.StartsWith($"{path}:8: tier[2].bogus: unknown key", ex.Message);
    }
}
