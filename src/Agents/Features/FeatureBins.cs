namespace TieredFs.Agents.Features;

/// <summary>
/// Discretisation of raw per-request and per-extent numbers into 2-bit bins. Every feature
/// has exactly four bins so states pack into power-of-two tables with shifts and masks.
/// Boundaries are relative (to the migration period, to capacity) wherever possible so the
/// same table means the same thing on a busy NVMe volume and on an idle HDD one.
/// </summary>
public static class FeatureBins
{
    public const int BinBits = 2;
    public const int BinCount = 1 << BinBits;

    /// <summary>≤ 8 KiB (small random), ≤ 64 KiB, ≤ 256 KiB, larger (streaming).</summary>
    public static int RequestSize(int bytes) =>
        bytes <= 8 * 1024 ? 0 : bytes <= 64 * 1024 ? 1 : bytes <= 256 * 1024 ? 2 : 3;

    /// <summary>Decayed access count: about once, a few times, warm, hot.</summary>
    public static int AccessCount(double count) =>
        count < 1.5 ? 0 : count < 4 ? 1 : count < 16 ? 2 : 3;

    /// <summary>
    /// Use of the extent before a new one in its file: none (the first extent of a file, or one
    /// whose predecessor is long cold), about once (a file being written sequentially: its
    /// previous extent was just written), a few times, more. Separating "none" from "once" lets
    /// a placement agent tell a stream of new small files from one large file being copied in.
    /// </summary>
    public static int PredecessorUse(double count) =>
        count < 0.5 ? 0 : count < 2.5 ? 1 : count < 8 ? 2 : 3;

    /// <summary>
    /// Finer 3-bit count bins for the migration agent, whose main question (is this extent
    /// hotter than what the fast tier holds?) is decided around a few accesses per half-life:
    /// 1, 2, 3, 4-5, 6-9, 10-15, 16-31, more.
    /// </summary>
    public static int AccessCountFine(double count) =>
        count < 1.5 ? 0 : count < 2.5 ? 1 : count < 4 ? 2 : count < 6 ? 3 : count < 10 ? 4 : count < 16 ? 5 : count < 32 ? 6 : 7;

    /// <summary>
    /// A duration relative to the migration period: within a period, within a few periods,
    /// within a few tens of periods, longer or unknown (≤ 0). A period of 0 means "unknown"
    /// and falls back to one second.
    /// </summary>
    public static int RelativeTime(double us, double periodUs)
    {
        if (us <= 0) return 3;
        double ratio = us / (periodUs > 0 ? periodUs : 1_000_000.0);
        return ratio < 1 ? 0 : ratio < 4 ? 1 : ratio < 32 ? 2 : 3;
    }

    /// <summary>Fill of a tier: plenty of room, filling, near the watermark, full.</summary>
    public static int Fill(double fill) =>
        fill < 0.5 ? 0 : fill < 0.8 ? 1 : fill < 0.95 ? 2 : 3;

    /// <summary>Position of a tier in the hierarchy: fastest, upper middle, lower middle, slowest.</summary>
    public static int TierPosition(int tier, int tierCount)
    {
        if (tier <= 0) return 0;
        if (tier >= tierCount - 1) return 3;
        return tier == 1 ? 1 : 2;
    }
}
