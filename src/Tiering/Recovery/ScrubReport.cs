namespace TieredFs.Tiering.Recovery;

/// <summary>What one data scrub found (and, when it repaired, reclaimed).</summary>
public sealed class ScrubReport
{
    public ScrubReport(bool repaired) => Repaired = repaired;

    /// <summary>False for a dry run: the counts say what a repair would reclaim.</summary>
    public bool Repaired { get; }

    /// <summary>Data files looked at, over all tiers.</summary>
    public int DataFilesChecked { get; internal set; }

    /// <summary>Data files of inodes the committed metadata does not know (removed when repairing).</summary>
    public int DataFilesOfUnknownInodes { get; internal set; }

    /// <summary>Extent-sized pieces of data files holding unreferenced data (one per file, tier and extent index).</summary>
    public long ExtentsReclaimed { get; internal set; }

    /// <summary>Bytes of unreferenced data, as SEEK_DATA reports them.</summary>
    public long BytesReclaimed { get; internal set; }

    /// <summary>Entries under a tier's data directory that are not data files; left alone.</summary>
    public int UnrecognisedEntries { get; internal set; }

    /// <summary>Data files that could not be checked or repaired (each logged).</summary>
    public int Failures { get; internal set; }

    public bool FoundAnything => DataFilesOfUnknownInodes > 0 || ExtentsReclaimed > 0 || BytesReclaimed > 0;
}
