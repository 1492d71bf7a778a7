using System.Text.RegularExpressions;
using SyscallBench.Core.Recording;
using SyscallBench.Core.Recording.Sc;

namespace SyscallBench.Core.Tests.Recording;

/// <summary>The .sc lines the recorder writes, against LID-DS 2021's own.</summary>
public sealed partial class ScWriterTests
{
    private static string Write(params SyscallEvent[] events)
    {
        var text = new StringWriter();
        var writer = new ScWriter(text, WallClock.WithOffset(1_631_078_000_000_000_000));
        foreach (var e in events)
        {
            writer.Write(e);
        }

        return text.ToString();
    }

    [Fact]
    public void GivenAnEntryAndAnExit_WhenWritten_ThenTheLinesAreSysdigsLayoutWithUnixTime()
    {
        var text = Write(
            new SyscallEvent(867_380_460_410, 7, 0, 2902771, 2902771, "apache2", 61, SyscallDirection.Enter, 0),
            new SyscallEvent(867_380_462_154, 7, 33, 2902771, 2902774, "apache2", 61, SyscallDirection.Exit, 0));

        Assert.Equal(
            "1631078867380460410 0 2902771 apache2 2902771 wait4 > \n"
            + "1631078867380462154 33 2902771 apache2 2902774 wait4 < res=0 \n",
            text);
    }

    [Theory]
    [InlineData(-2L, "res=-2(ENOENT) ")]
    [InlineData(-11L, "res=-11(EAGAIN) ")]
    [InlineData(-514L, "res=-514 ")] // ERESTARTNOHAND: kernel-internal, no uapi name
    [InlineData(-5000L, "res=-5000 ")] // below -4095: a value, not an error
    [InlineData(140338603442176L, "res=140338603442176 ")]
    public void GivenAnExitsReturnValue_WhenWritten_ThenFailuresCarryTheirErrnoName(long value, string expectedEnd)
    {
        var line = Write(new SyscallEvent(1, 1, 0, 5, 5, "cat", 2, SyscallDirection.Exit, value));

        Assert.EndsWith(" open < " + expectedEnd + "\n", line, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("my server", "my_server")]
    [InlineData("a\nb\tc", "a_b_c")]
    [InlineData("", "_")]
    public void GivenAProcessNameWithSpacesOrControls_WhenWritten_ThenItStaysOneField(string name, string written)
    {
        var line = Write(new SyscallEvent(1, 1, 0, 5, 6, name, 0, SyscallDirection.Enter, 0));

        Assert.Equal(["1631078000000000001", "0", "5", written, "6", "read", ">", ""], line.TrimEnd('\n').Split(' '));
    }

    [Fact]
    public void GivenTheReturnOfRtSigreturnReportedAsNumberMinus1_WhenWritten_ThenItIsNamedAfterItsThreadsEntry()
    {
        // rt_sigreturn (15) restores the registers, so the kernel's sys_exit sees number -1; another thread's entry comes between
        var text = Write(
            new SyscallEvent(1, 1, 0, 5, 5, "python3", 15, SyscallDirection.Enter, 0),
            new SyscallEvent(2, 1, 0, 5, 6, "python3", 0, SyscallDirection.Enter, 0),
            new SyscallEvent(3, 1, 0, 5, 5, "python3", -1, SyscallDirection.Exit, 124));

        Assert.EndsWith(" 5 rt_sigreturn < res=124 \n", text, StringComparison.Ordinal);
        Assert.DoesNotContain("sys_-1", text, StringComparison.Ordinal);
    }

    [Fact]
    public void GivenASyscallNumberNoTableKnows_WhenWritten_ThenItIsNamedByNumber()
    {
        Assert.Contains(" sys_999 > ", Write(new SyscallEvent(1, 1, 0, 5, 5, "x", 999, SyscallDirection.Enter, 0)), StringComparison.Ordinal);
    }

    [LidDsSampleFact]
    public void GivenTheRealLidDsSample_WhenOurLinesAreMatchedAgainstItsLineShape_ThenBothHaveTheSameShape()
    {
        // Every line of the real recording has this shape; ours must too, or a reader of LID-DS would stumble on them.
        var sample = LidDsSample.Entry(".sc").Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.All(sample, line => Assert.Matches(ScLine(), line));
        var ours = Write(
            new SyscallEvent(1, 1, 33, 5, 6, "apache2", 0, SyscallDirection.Enter, 0),
            new SyscallEvent(2, 1, 33, 5, 6, "apache2", 0, SyscallDirection.Exit, -11),
            new SyscallEvent(3, 1, 0, 5, 6, "sh", 59, SyscallDirection.Exit, 0)).Split('\n', StringSplitOptions.RemoveEmptyEntries);

        Assert.All(ours, line => Assert.Matches(ScLine(), line));
    }

    /// <summary>unix_time_ns user_id pid process_name thread_id syscall direction, then each argument, every field followed by one space.</summary>
    [GeneratedRegex(@"^\d{19} \d+ \d+ \S+ \d+ [a-z0-9_]+ [<>] (\S+ )*$")]
    private static partial Regex ScLine();
}
