using System.Text.RegularExpressions;
using SyscallBench.Core.Traces;

namespace SyscallBench.Core.Tests.Traces;

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

    [Theory]
    [InlineData(0, "read")]
    [InlineData(2, "open")]
    [InlineData(59, "execve")]
    [InlineData(202, "futex")]
    [InlineData(219, "restart_syscall")]
    [InlineData(230, "clock_nanosleep")]
    [InlineData(231, "exit_group")]
    [InlineData(257, "openat")]
    [InlineData(262, "newfstatat")]
    [InlineData(334, "rseq")]
    [InlineData(435, "clone3")]
    public void GivenAnX86_64SyscallNumber_WhenNamedAndLookedUp_ThenNameAndNumberRoundTrip(int number, string name)
    {
        Assert.Equal(name, SyscallNames.X86_64.NameOf(number));
        Assert.True(SyscallNames.X86_64.TryGetNumber(name, out var found));
        Assert.Equal(number, found);
        Assert.Equal(number, SyscallNames.X86_64.IdOf(name));
    }

    [Fact]
    public void GivenTheX86_64Table_WhenLoaded_ThenItCoversTheRangeUpToTheIoUringEraWithoutGaps()
    {
        // 0..334 (read .. rseq) has every number assigned on x86-64; 335..423 are skipped to align with other
        // architectures' numbering; 424 onwards (pidfd_send_signal ...) are common to all.
        Assert.Equal(Enumerable.Range(0, 335), Enumerable.Range(0, 335).Where(SyscallNames.X86_64.Contains));
        Assert.Equal(424, SyscallNames.X86_64.Entries.Select(e => e.Key).First(n => n >= 335));
        Assert.Equal("x86-64", SyscallNames.X86_64.Architecture);
        Assert.Same(SyscallNames.X86_64, SyscallNames.ForArchitecture("X86-64"));
        Assert.Same(SyscallNames.X86_32, SyscallNames.ForArchitecture("x86-32"));
        Assert.Null(SyscallNames.ForArchitecture("arm64"));
    }

    [Fact]
    public void GivenANameNoTableKnows_WhenGivenAnId_ThenItIsAStableFnv1aIdAboveTheRealNumbers()
    {
        // 32-bit FNV-1a of "frobnicate" is 0x4f515872 (computed with a separate few-line Python FNV-1a); low 30 bits 0x0f515872.
        Assert.Equal(100_000 + 0x0f515872, SyscallNames.UnknownNameId("frobnicate"));
        Assert.Equal(SyscallNames.UnknownNameId("frobnicate"), SyscallNames.X86_64.IdOf("frobnicate"));
        Assert.NotEqual(SyscallNames.UnknownNameId("frobnicate"), SyscallNames.UnknownNameId("frobnicatf"));
        Assert.InRange(SyscallNames.UnknownNameId(""), SyscallNames.FirstUnknownNameId, int.MaxValue);
        Assert.False(SyscallNames.X86_64.TryGetNumber("READ", out _));
    }

    [Unistd64HeaderFact]
    public void GivenTheSystemsUnistd64Header_WhenCompared_ThenTheTableHasExactlyItsNumbersAndNames()
    {
        var fromHeader = File.ReadLines(Unistd64HeaderFactAttribute.HeaderPath).Select(line => DefineLine().Match(line)).Where(m => m.Success)
            .ToDictionary(m => int.Parse(m.Groups["number"].Value, System.Globalization.CultureInfo.InvariantCulture), m => m.Groups["name"].Value);

        Assert.NotEmpty(fromHeader);
        Assert.Equal(fromHeader.OrderBy(p => p.Key), SyscallNames.X86_64.Entries);
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

/// <summary>Runs only where the kernel headers (linux-libc-dev) are installed; says so when it skips.</summary>
public sealed class Unistd64HeaderFactAttribute : FactAttribute
{
    public const string HeaderPath = "/usr/include/x86_64-linux-gnu/asm/unistd_64.h";

    public Unistd64HeaderFactAttribute()
    {
        if (!File.Exists(HeaderPath))
        {
            Skip = $"{HeaderPath} not found (install linux-libc-dev to compare the syscall table with its source).";
        }
    }
}
