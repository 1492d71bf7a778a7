using SyscallBench.Core.Recording.Linux;
using SyscallBench.Core.Tests.Datasets;
using SyscallBench.TestSupport;

namespace SyscallBench.Core.Tests.Recording;

public sealed class CgroupV2Tests
{
    [Theory]
    [InlineData("cgroup2 /sys/fs/cgroup cgroup2 rw,nosuid 0 0", "/sys/fs/cgroup")]
    [InlineData("tmpfs /sys/fs/cgroup tmpfs rw 0 0\ncgroup /sys/fs/cgroup/cpu cgroup rw,cpu 0 0\ncgroup2 /sys/fs/cgroup/unified cgroup2 rw 0 0", "/sys/fs/cgroup/unified")]
    [InlineData("cgroup2 /mnt/my\\040cgroups cgroup2 rw 0 0", "/mnt/my cgroups")]
    public void GivenProcMounts_WhenSearched_ThenTheCgroup2MountIsFound(string mounts, string expected)
    {
        using var folder = new TempDirectory();
        File.WriteAllText(folder.Combine("mounts"), mounts + "\n");

        Assert.Equal(expected, CgroupV2.Find(folder.Combine("mounts"))?.MountPoint);
    }

    [Fact]
    public void GivenOnlyCgroupV1_WhenSearched_ThenThereIsNone()
    {
        using var folder = new TempDirectory();
        File.WriteAllText(folder.Combine("mounts"), "cgroup /sys/fs/cgroup/cpu cgroup rw,cpu 0 0\n");

        Assert.Null(CgroupV2.Find(folder.Combine("mounts")));
    }

    [Fact]
    public void GivenAFolderThatIsNoCgroup_WhenOpened_ThenTheErrorSaysWhereCgroupV2Is()
    {
        using var folder = new TempDirectory();

        var error = Assert.Throws<SyscallBenchException>(() => new CgroupV2(folder.Path).Open("not-a-cgroup"));

        Assert.Contains("not a cgroup v2 folder", error.Message, StringComparison.Ordinal);
    }
}
