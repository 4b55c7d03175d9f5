using System.Runtime.InteropServices;
using System.Text.Json.Nodes;
using TieredFs.Daemon.Cli;
using TieredFs.Tiering.Volume;

namespace TieredFs.Daemon.Service;

/// <summary>Executes one control request against the running mount (see <see cref="ControlProtocol"/>).</summary>
internal sealed class ControlCommands(ServiceContext context, ConfigReloader reloader)
{
    private const int ENODATA = 61;

    public JsonObject Execute(JsonObject request)
    {
        string? command = (string?)request["command"];
        return command switch
        {
            "status" => ControlProtocol.Ok(new JsonObject { ["status"] = StatusReport.Build(context) }),
            "pin" => Pin(PathOf(request), (string?)request["tier"]),
            "unpin" => Unpin(PathOf(request)),
            "inspect" => Inspect(PathOf(request)),
            "reload" => Reload(),
            null => ControlProtocol.Error("missing \"command\""),
            _ => ControlProtocol.Error($"unknown command \"{command}\" (status, pin, unpin, inspect, reload)"),
        };
    }

    private static string? PathOf(JsonObject request) => (string?)request["path"];

    private JsonObject Pin(string? path, string? tierName)
    {
        if (CheckFile(path) is { } error)
            return error;
        var tiers = context.Volume.Tiers;
        var tier = tiers.FirstOrDefault(t => t.Name == tierName);
        if (tier is null)
            return ControlProtocol.Error($"unknown tier \"{tierName}\" (tiers: {string.Join(", ", tiers.Select(t => t.Name))})");
        int rc = XattrCalls.Set(path!, Volume.PinXattr, tier.Name);
        return rc == 0
            ? ControlProtocol.Ok(new JsonObject { ["path"] = path, ["tier"] = tier.Name })
            : ControlProtocol.Error($"{path}: cannot set {Volume.PinXattr}: {Marshal.GetPInvokeErrorMessage(rc)}");
    }

    private JsonObject Unpin(string? path)
    {
        if (CheckFile(path) is { } error)
            return error;
        int rc = XattrCalls.Remove(path!, Volume.PinXattr);
        return rc switch
        {
            0 => ControlProtocol.Ok(new JsonObject { ["path"] = path, ["was_pinned"] = true }),
            ENODATA => ControlProtocol.Ok(new JsonObject { ["path"] = path, ["was_pinned"] = false }),
            _ => ControlProtocol.Error($"{path}: cannot remove {Volume.PinXattr}: {Marshal.GetPInvokeErrorMessage(rc)}"),
        };
    }

    private JsonObject Inspect(string? path)
    {
        if (CheckFile(path) is { } error)
            return error;
        int rc = FileQueries.TryGetXattrText(path!, Volume.ExtentsXattr, out string text);
        if (rc != 0)
            return ControlProtocol.Error($"{path}: {FileQueries.Describe(rc)}");
        var extents = new JsonArray();
        foreach (string line in text.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            int space = line.IndexOf(' ');
            extents.Add(new JsonObject { ["index"] = long.Parse(line[..space]), ["tier"] = line[(space + 1)..] });
        }
        string? pin = FileQueries.TryGetXattrText(path!, Volume.PinXattr, out string pinned) == 0 ? pinned : null;
        return ControlProtocol.Ok(new JsonObject
        {
            ["path"] = path,
            ["extent_size"] = context.Volume.ExtentSize,
            ["pinned_tier"] = pin,
            ["extents"] = extents,
        });
    }

    private JsonObject Reload()
    {
        var (applied, message) = reloader.Reload();
        return applied ? ControlProtocol.Ok(new JsonObject { ["message"] = message }) : ControlProtocol.Error(message);
    }

    /// <summary>Pins and inspection are for regular files of this mount, named by absolute path.</summary>
    private JsonObject? CheckFile(string? path)
    {
        if (string.IsNullOrEmpty(path) || !Path.IsPathRooted(path))
            return ControlProtocol.Error("\"path\" must be an absolute path");
        string root = context.MountPoint.TrimEnd('/') + "/";
        if (!path.StartsWith(root, StringComparison.Ordinal))
            return ControlProtocol.Error($"{path} is not on the volume mounted at {context.MountPoint}");
        if (!File.Exists(path))
            return ControlProtocol.Error($"{path}: not a regular file");
        return null;
    }
}
