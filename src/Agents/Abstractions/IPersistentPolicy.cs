namespace TieredFs.Agents.Abstractions;

/// <summary>
/// A policy whose learned tables survive restarts. The caller owns the stream (and the file
/// behind it); a corrupt or foreign stream throws <see cref="InvalidDataException"/>.
/// </summary>
public interface IPersistentPolicy
{
    void Save(Stream destination);

    void Load(Stream source);
}
