using TieredFs.Simulation.Traces;

namespace TieredFs.Simulation.Tests;

public class MsrTraceReaderTests
{
    private static List<TraceRequest> Parse(string text) => MsrTraceReader.Read(new StringReader(text), "t.csv");

    [Fact]
    public void ParsesRequestsSkippingHeaderAndBlankLines()
    {
        var r = Parse("Timestamp,Hostname,DiskNumber,Type,Offset,Size,ResponseTime\n" +
                      "128166372003061629,hm,1,Read,7014609920,24576,41286\n" +
                      "\n" +
                      "128166372016382155,hm,1,Write,1317441536,8192,1963\n");
        Assert.Equal(2, r.Count);
        Assert.Equal(new TraceRequest(0, 1, 7014609920, 24576, false), r[0]);
        Assert.False(r[0].IsWrite);
        Assert.True(r[1].IsWrite);
        // Timestamps are filetime ticks of 100 ns; times become µs since the first request.
        Assert.Equal((128166372016382155 - 128166372003061629) / 10.0, r[1].TimeUs, 3);
    }

    [Theory]
    [InlineData("128166372003061629,hm,1,Trim,0,4096,1", "type 'Trim'")]
    [InlineData("128166372003061629,hm,1,Read,0", "expected 7")]
    [InlineData("128166372003061629,hm,1,Read,-5,4096,1", "offset")]
    [InlineData("128166372003061629,hm,1,Read,0,0,1", "size")]
    [InlineData("12816637200306162x,hm,1,Read,0,4096,1", "timestamp")]
    [InlineData("128166372003061629,hm,one,Read,0,4096,1", "disk")]
    public void BadLineNamesTheSourceLineAndReason(string badLine, string reason)
    {
        var ex = Assert.Throws<TraceFormatException>(() =>
            Parse("128166372003061629,hm,1,Read,0,4096,1\n\n" + badLine + "\n"));
        Assert.Equal(3, ex.Line);
        Assert.StartsWith("t.csv:3:", ex.Message);
        Assert.Contains(reason, ex.Message);
    }

    [Fact]
    public void AHeaderAfterTheFirstRequestIsAnError()
    {
        Assert.Throws<TraceFormatException>(() =>
            Parse("128166372003061629,hm,1,Read,0,4096,1\nTimestamp,Hostname,DiskNumber,Type,Offset,Size,ResponseTime\n"));
    }

    [Fact]
    public void WriteThenReadRoundTrips()
    {
        var original = new List<TraceRequest> { new(0, 0, 4096, 512, true), new(1234.5, 2, 1 << 20, 65536, false) };
        var sw = new StringWriter();
        MsrTraceReader.Write(sw, original);
        Assert.Equal(original, Parse(sw.ToString()));
    }
}
