using System.Text.RegularExpressions;
using SyscallBench.Core.Traces;

namespace SyscallBench.Core.Tests.Datasets;

public sealed partial class SyscallNamesTests
{
    [Theory]
    [InlineData(1, "exit")]
    [InlineData(3, "read")]
    [InlineData(4, "write")]
    [InlineData(5, "open")]
    [InlineData(6, "close")]
    [InlineData(11, "execve")]
    [InlineData(102, "socketcall")]
    [InlineData(168, "poll")]
    [InlineData(192, "mmap2")]
    [InlineData(195, "stat64")]
    [InlineData(240, "futex")]
    [InlineData(243, "set_thread_area")]
    [InlineData(252, "exit_group")]
    [InlineData(265, "clock_gettime")]
    [InlineData(340, "prlimit64")]
    public void GivenAnX86SyscallNumber_WhenNamed_ThenItIsTheI386KernelName(int number, string name) =>
        Assert.Equal(name, SyscallNames.X86_32.NameOf(number));

    [Theory]
    [InlineData(99999, "sys_99999")]
    [InlineData(-1, "sys_-1")]
    public void GivenANumberOutsideTheTable_WhenNamed_ThenItIsSysN(int number, string name) =>
        Assert.Equal(name, SyscallNames.X86_32.NameOf(number));

    [Fact]
    public void GivenTheEmbeddedTable_WhenLoaded_ThenItCoversTheClassicRangeExceptTheFourNeverAssignedNumbers()
    {
        // In 0..340 (the range of ADFA-LD's 2.6.38 kernel) i386 never assigned exactly these four numbers
        // (222, 223, 251 unused slots; 285 reserved); any other gap means a damaged table.
        var missing = Enumerable.Range(0, 341).Where(n => !SyscallNames.X86_32.Contains(n)).ToArray();

        Assert.Equal([222, 223, 251, 285], missing);
        Assert.Equal("x86-32", SyscallNames.X86_32.Architecture);
    }

    [Unistd32HeaderFact]
    public void GivenTheSystemsUnistd32Header_WhenCompared_ThenEveryNumberHasTheSameName()
    {
        // Given: linux-libc-dev's header, the table's source.
        // When
        var fromHeader = File.ReadLines(Unistd32HeaderFactAttribute.HeaderPath).Select(line => DefineLine().Match(line)).Where(m => m.Success)
            .ToDictionary(m => int.Parse(m.Groups["number"].Value, System.Globalization.CultureInfo.InvariantCulture), m => m.Groups["name"].Value);

        // Then
        Assert.NotEmpty(fromHeader);
        Assert.All(fromHeader, pair => Assert.Equal(pair.Value, SyscallNames.X86_32.NameOf(pair.Key)));
    }

    [Fact]
    public void GivenAMalformedTableLine_WhenParsed_ThenTheErrorNamesSourceAndLine()
    {
        var error = Assert.Throws<InvalidDataException>(() =>
            SyscallNames.Parse("test", new StringReader("# comment\n3\tread\nfour\twrite\n"), "table.tsv"));

        Assert.Equal("table.tsv:3: expected 'number<TAB>name', got 'four\twrite'.", error.Message);
    }

    [GeneratedRegex(@"^#define __NR_(?<name>[a-z0-9_]+) (?<number>[0-9]+)$")]
    private static partial Regex DefineLine();
}

/// <summary>Runs only where the kernel headers (linux-libc-dev) are installed; says so when it skips.</summary>
public sealed class Unistd32HeaderFactAttribute : FactAttribute
{
    public const string HeaderPath = "/usr/include/x86_64-linux-gnu/asm/unistd_32.h";

    public Unistd32HeaderFactAttribute()
    {
        if (!File.Exists(HeaderPath))
        {
            Skip = $"{HeaderPath} not found (install linux-libc-dev to compare the syscall table with its source).";
        }
    }
}
