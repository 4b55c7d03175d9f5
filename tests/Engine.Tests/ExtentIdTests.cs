namespace TieredFs.Engine.Tests;

public class ExtentIdTests
{
    [Fact]
    public void Packs_inode_and_index_and_unpacks_them()
    {
        var id = ExtentId.Of(12345, 678);
        Assert.Equal(12345UL, id.Ino);
        Assert.Equal(678L, id.Index);
    }
}
