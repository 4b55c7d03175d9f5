namespace TieredFs.Integration.Tests.Infrastructure;

/// <summary>The daemon did not produce a usable mount; the message carries the daemon's own output.</summary>
public sealed class MountFailedException(string message) : Exception(message);
