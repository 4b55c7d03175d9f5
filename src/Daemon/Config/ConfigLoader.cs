using Tomlyn;
using Tomlyn.Parsing;

namespace TieredFs.Daemon.Config;

/// <summary>
/// Turns a TOML config file into a <see cref="DaemonConfig"/>. Checks syntax and meaning only;
/// the filesystem is not consulted (see <see cref="ConfigValidator.CheckPaths"/>), so a config can
/// be validated on a machine other than the one it is for, and the default loads before first run.
/// </summary>
public static class ConfigLoader
{
    /// <summary>Reads and parses <paramref name="path"/>; every failure is a <see cref="ConfigException"/>.</summary>
    public static DaemonConfig LoadFile(string path)
    {
        // .NET reports reading a directory as "access denied", which would send the operator
        // chasing permissions; say what it is instead.
        if (Directory.Exists(path))
            throw new ConfigException(path, 0, "", "is a directory, not a config file");

        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new ConfigException(path, 0, "", "config file not found", ex);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new ConfigException(path, 0, "", $"cannot read config file: {ex.Message}", ex);
        }
        return Parse(text, path, sourcePath: path);
    }

    /// <summary>Parses config text; <paramref name="sourceName"/> is used in messages and as <see cref="DaemonConfig.SourcePath"/>.</summary>
    public static DaemonConfig Parse(string text, string sourceName) => Parse(text, sourceName, sourcePath: sourceName);

    internal static DaemonConfig Parse(string text, string sourceName, string? sourcePath)
    {
        var doc = ParseSyntax(text, sourceName);
        var layout = DocumentLayout.Split(doc, sourceName);
        var (tiers, tierMounts) = TierSection.ReadAll(layout.Tiers, sourceName);
        var (volume, mount, metadataMount) = VolumeSection.Read(layout.Volume, sourceName, tiers);
        var service = ServiceSection.Read(layout.Service, sourceName);
        return new DaemonConfig(volume, mount, service, sourcePath)
        {
            RequiredMounts = new RequiredMounts(tierMounts, metadataMount),
        };
    }

    private static Tomlyn.Syntax.DocumentSyntax ParseSyntax(string text, string sourceName)
    {
        Tomlyn.Syntax.DocumentSyntax doc;
        try
        {
            // validate: true adds TOML's semantic rules (duplicate keys, redefined tables, mixed arrays).
            doc = SyntaxParser.Parse(text, sourceName, validate: true);
        }
        catch (TomlException ex)
        {
            throw new ConfigException(sourceName, ex.Line ?? 0, "", $"TOML syntax error: {ex.Message}", ex);
        }

        // Report one error only, the earliest in the text: later ones are usually knock-on effects.
        // Tomlyn lists parser errors before lexer errors, so sort rather than take the first.
        var first = doc.Diagnostics
            .Where(d => d.Kind == Tomlyn.Syntax.DiagnosticMessageKind.Error)
            .OrderBy(d => d.Span.Start.Offset)
            .FirstOrDefault();
        if (first is not null)
        {
            throw new ConfigException(sourceName, TomlNames.LineOf(first.Span), "",
                $"TOML syntax error: {first.Message}");
        }
        return doc;
    }
}
