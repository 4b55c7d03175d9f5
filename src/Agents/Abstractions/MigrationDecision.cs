namespace TieredFs.Agents.Abstractions;

/// <summary>Move <paramref name="ExtentIndex"/> from tier <paramref name="FromTier"/> to <paramref name="ToTier"/>.</summary>
public readonly record struct MigrationDecision(long ExtentIndex, int FromTier, int ToTier)
{
    public bool IsPromotion => ToTier < FromTier;
}
