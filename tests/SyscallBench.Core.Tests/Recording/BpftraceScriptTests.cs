using SyscallBench.Core.Recording;
using SyscallBench.Core.Recording.Bpftrace;

namespace SyscallBench.Core.Tests.Recording;

public sealed class BpftraceScriptTests
{
    [Fact]
    public void GivenTwoCgroups_WhenTheScriptIsMade_ThenBothProbesSelectExactlyThoseCgroupsAndNeverTheRecorderOrBpftrace()
    {
        var script = BpftraceScript.For(new CaptureFilter([25, 4026531835], 777));

        Assert.Equal(2, CountOf(script, "pid != $1 && pid != 777 && (cgroup == 25 || cgroup == 4026531835)"));
        Assert.Equal(2, CountOf(script, "pid == 777 && args->id == 140"));
    }

    [Fact]
    public void GivenEveryCgroup_WhenTheScriptIsMade_ThenNoCgroupIsTested()
    {
        var script = BpftraceScript.For(new CaptureFilter(null, 777));

        Assert.DoesNotContain("cgroup ==", script, StringComparison.Ordinal);
        Assert.Equal(2, CountOf(script, "else if (pid != $1 && pid != 777)"));
    }

    [Fact]
    public void GivenAnEmptyCgroupList_WhenTheScriptIsMade_ThenItIsRefused()
    {
        Assert.Throws<ArgumentException>(() => BpftraceScript.For(new CaptureFilter([], 1)));
    }

    private static int CountOf(string text, string part) => (text.Length - text.Replace(part, "", StringComparison.Ordinal).Length) / part.Length;
}
