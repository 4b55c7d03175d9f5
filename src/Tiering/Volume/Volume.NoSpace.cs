using TieredFs.Tiering.Metadata;

namespace TieredFs.Tiering.Volume;

public sealed partial class Volume
{
    /// <summary>
    /// The errno for an operation's exception. A metadata filesystem out of space is expected on a
    /// full volume: ENOSPC, and no warning per request (the reserve logs the episode once).
    /// Anything else is a fault: EIO, logged with its stack by <see cref="Fail"/>.
    /// </summary>
    private static int FailOrNoSpace(Exception e, string operation)
    {
        if (!StorageFull.Caused(e))
            return Fail(e, operation);
        s_log.Debug("{Operation}: the metadata filesystem is full ({Reason})", operation, e.Message);
        return PosixError.ENOSPC;
    }
}
