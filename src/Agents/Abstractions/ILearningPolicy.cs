namespace TieredFs.Agents.Abstractions;

/// <summary>
/// A policy that buffers finished experiences and applies them to its tables when asked, so
/// table updates happen off the decision path (a background thread, or between migration
/// rounds in the simulator). Calls to Learn must not overlap decisions on another thread.
/// </summary>
public interface ILearningPolicy
{
    /// <summary>Applies all buffered experiences; returns how many were applied.</summary>
    int Learn();

    /// <summary>Bytes of learned state (Q-tables) this policy holds.</summary>
    int TableBytes { get; }
}
