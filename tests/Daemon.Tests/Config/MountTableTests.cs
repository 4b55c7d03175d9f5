using TieredFs.Daemon.Config;

namespace TieredFs.Daemon.Tests.Config;

public class MountTableTests
{
    [Fact]
    public void ParsesTheMountpointFieldAndUndoesTheKernelsEscapes()
    {
        string[] lines =
        [
            "22 1 0:21 / / rw,relatime shared:1 - ext4 /dev/sda1 rw",
            @"40 22 8:17 / /mnt/my\040disk rw,relatime shared:9 - ext4 /dev/sdb1 rw",
            @"41 22 8:33 / /mnt/back\134slash\011tab rw - xfs /dev/sdc1 rw",
            "",
        ];

        Assert.Equal(["/", "/mnt/my disk", "/mnt/back\\slash\ttab"], MountTable.Parse(lines));
    }

    [Fact]
    public void ContainingPicksTheDeepestMountpointOnComponentBoundaries()
    {
        string[] mounts = ["/", "/mnt/hdd", "/mnt/hdd/inner", "/mnt/hd"];

        Assert.Equal("/mnt/hdd", MountTable.Containing("/mnt/hdd/tieredfs", mounts));
        Assert.Equal("/mnt/hdd", MountTable.Containing("/mnt/hdd", mounts));
        Assert.Equal("/mnt/hdd/inner", MountTable.Containing("/mnt/hdd/inner/x", mounts));
        Assert.Equal("/", MountTable.Containing("/mnt/hddx/y", mounts));
    }

    [Fact]
    public void ThisProcessSeesTheRootMount()
    {
        Assert.Contains("/", MountTable.Read());
    }
}
