using System.IO.Compression;
using SyscallBench.Core.Datasets;
using SyscallBench.Core.Traces;
using SyscallBench.Core.Traces.Strace;
using SyscallBench.TestSupport;

namespace SyscallBench.Core.Tests.Datasets;

/// <summary>Trace folders of numbers, names and strace files (plain and gzip), split per file or per process.</summary>
public sealed class TraceFolderFormatsTests : IDisposable
{
    private static readonly string StraceFixtures = Path.Combine(AppContext.BaseDirectory, "Fixtures", "strace");
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    private const string Labels = """
        file,split,label,family
        normal/numbers.txt,train,normal,
        normal/names.txt,train,normal,
        normal/sh.strace,train,normal,
        normal/ff/sh.11095,test,normal,
        attack/threads.strace.gz,test,attack,thread_storm
        """;

    /// <summary>A folder with one file of each format, the strace ones copied from the real recordings.</summary>
    private string WriteMixedFolder(string labels = Labels)
    {
        Directory.CreateDirectory(_temp.Combine("normal", "ff"));
        Directory.CreateDirectory(_temp.Combine("attack"));
        File.WriteAllText(_temp.Combine("labels.csv"), labels);
        File.WriteAllText(_temp.Combine("normal", "numbers.txt"), "2 0 3\n");
        File.WriteAllText(_temp.Combine("normal", "names.txt"), "open read\nclose frobnicate\n");
        File.Copy(Path.Combine(StraceFixtures, "sh-no-timestamps.strace"), _temp.Combine("normal", "sh.strace"));
        File.Copy(Path.Combine(StraceFixtures, "ff", "sh.11095"), _temp.Combine("normal", "ff", "sh.11095"));
        Gzip(Path.Combine(StraceFixtures, "threads-f-tt.strace"), _temp.Combine("attack", "threads.strace.gz"));
        return _temp.Path;
    }

    private static void Gzip(string from, string to)
    {
        using var output = new GZipStream(File.Create(to), CompressionLevel.Fastest);
        output.Write(File.ReadAllBytes(from));
    }

    private static LabeledDataset Load(TraceFolderOptions options) => TraceFolderDataset.Load(options, new DatasetContext("/"));

    private static int[] StraceCalls(string fixture, StraceGrouping grouping = StraceGrouping.File) =>
        StraceFile.Read(Path.Combine(StraceFixtures, fixture), grouping).Traces[0].CallNumbers();

    [Fact]
    public void GivenOneFileOfEachFormat_WhenLoadedPerFile_ThenEachFileIsOneTraceNumberedByX86_64()
    {
        // When
        var dataset = Load(new TraceFolderOptions { Path = WriteMixedFolder() });

        // Then
        Assert.Equal(["normal/names.txt", "normal/numbers.txt", "normal/sh.strace"], dataset.Train.Select(t => t.Id));
        Assert.Equal([2, 0, 3, SyscallNames.UnknownNameId("frobnicate")], dataset.Train[0].Calls);
        Assert.Equal([2, 0, 3], dataset.Train[1].Calls);
        Assert.Equal(StraceCalls("sh-no-timestamps.strace"), dataset.Train[2].Calls);
        Assert.Equal(["attack/threads.strace.gz", "normal/ff/sh.11095"], dataset.Test.Select(t => t.Id));
        Assert.Equal(StraceCalls("threads-f-tt.strace"), dataset.Test[0].Calls);
        Assert.Equal(("thread_storm", TraceLabel.Attack), (dataset.Test[0].Family, dataset.Test[0].Label));
        Assert.Contains("files by format: numbers 1, names 1, strace 3", dataset.Provenance.Notes);
        Assert.Contains("syscall numbering: x86-64", dataset.Provenance.Notes);
        Assert.Contains("strace files split by file", dataset.Provenance.Notes);
        Assert.DoesNotContain(dataset.Provenance.Notes, n => n.StartsWith("WARNING", StringComparison.Ordinal));
    }

    [Fact]
    public void GivenSplitByProcess_WhenLoaded_ThenEachProcessIsATraceWithItsFilesRowAndAPidId()
    {
        // When
        var dataset = Load(new TraceFolderOptions { Path = WriteMixedFolder(), SplitBy = StraceGrouping.Process });

        // Then: the three threads of the gzipped attack recording are three attack traces of its family.
        var attacks = dataset.Test.Where(t => t.IsAttack).ToArray();
        Assert.Equal(["attack/threads.strace.gz#pid10807", "attack/threads.strace.gz#pid10808", "attack/threads.strace.gz#pid10809"],
            attacks.Select(t => t.Id));
        Assert.All(attacks, t => Assert.Equal("thread_storm", t.Family));
        var perProcess = StraceFile.Read(Path.Combine(StraceFixtures, "threads-f-tt.strace")).Traces;
        Assert.Equal(perProcess.Select(t => t.CallNumbers()), attacks.Select(t => t.Calls));

        // Files without a pid column: the -ff file's pid comes from its name, a plain file's process is pid 0.
        Assert.Equal("normal/ff/sh.11095#pid11095", dataset.Test.Single(t => !t.IsAttack).Id);
        Assert.Equal("normal/sh.strace#pid0", dataset.Train.Single(t => t.Id.Contains(".strace", StringComparison.Ordinal)).Id);

        // Numbers and names files stay one trace each, under their file name.
        Assert.Contains(dataset.Train, t => t.Id == "normal/names.txt");
        Assert.Contains("strace files split by process", dataset.Provenance.Notes);
    }

    [Fact]
    public void GivenArchitectureX86_32_WhenLoaded_ThenNamesAreNumberedByTheI386Table()
    {
        var dataset = Load(new TraceFolderOptions { Path = WriteMixedFolder(), Architecture = "x86-32" });

        Assert.Equal([5, 3, 6, SyscallNames.UnknownNameId("frobnicate")], dataset.Train.Single(t => t.Id == "normal/names.txt").Calls);
        Assert.Contains("syscall numbering: x86-32", dataset.Provenance.Notes);
    }

    [Fact]
    public void GivenAnUnknownArchitecture_WhenValidated_ThenTheErrorListsTheKnownOnes() =>
        Assert.Contains(new Core.Config.OptionError("Architecture", "must be one of x86-32, x86-64, got 'arm64'"),
            new TraceFolderOptions { Path = "x", Architecture = "arm64" }.Validate());

    [Fact]
    public void GivenMalformedAndTruncatedStraceLines_WhenLoaded_ThenTheyAreSkippedAndTheNotesSaySoWithFileAndLine()
    {
        // Given
        var folder = WriteMixedFolder();
        var strace = _temp.Combine("normal", "sh.strace");
        File.WriteAllText(strace, "execve(\"/bin/sh\") = 0\nthis is no strace line\nbrk(NULL) = 0x5555\nopenat(AT_FDCWD, \"/etc/ld.so");

        // When
        var dataset = Load(new TraceFolderOptions { Path = folder });

        // Then
        Assert.Equal([59, 12, 257], dataset.Train.Single(t => t.Id == "normal/sh.strace").Calls);
        Assert.Contains(
            $"WARNING: 1 malformed strace lines in 1 files skipped (set strict: true to fail instead); first: {strace}:2: not a strace line "
            + "(expected 'name(...) = result', '<... name resumed>', '---' or '+++'): 'this is no strace line'",
            dataset.Provenance.Notes);
        Assert.Contains($"1 strace files end in a truncated line (read up to it): {strace}:4: truncated last line: 'openat(AT_FDCWD, \"/etc/ld.so'",
            dataset.Provenance.Notes);
    }

    [Fact]
    public void GivenStrictMode_WhenAStraceLineIsMalformed_ThenLoadingFailsNamingFileAndLine()
    {
        var folder = WriteMixedFolder();
        var strace = _temp.Combine("normal", "sh.strace");
        File.WriteAllText(strace, "execve(\"/bin/sh\") = 0\nthis is no strace line\n");

        var error = Assert.Throws<StraceFormatException>(() => Load(new TraceFolderOptions { Path = folder, Strict = true }));

        Assert.StartsWith($"{strace}:2: not a strace line", error.Message);
    }

    [Fact]
    public void GivenAFileOfGarbage_WhenLoaded_ThenTheErrorNamesItAndSuggestsAnExplicitFormat()
    {
        var folder = WriteMixedFolder();
        File.WriteAllText(_temp.Combine("normal", "numbers.txt"), "3 4 x-5\n6\n");

        var error = Assert.Throws<DatasetException>(() => Load(new TraceFolderOptions { Path = folder }));

        Assert.Equal($"{_temp.Combine("normal", "numbers.txt")}: empty trace (no system calls in the strace output; 1 malformed lines, first "
            + $"{_temp.Combine("normal", "numbers.txt")}:1: not a strace line (expected 'name(...) = result', '<... name resumed>', '---' or '+++'): "
            + "'3 4 x-5'. If the file is not strace output, set format: numbers or names).", error.Message);
    }

    [Theory]
    [InlineData(TraceFileFormat.Names, "open 3 close", "2: not a syscall name (expected letters, digits and '_', not starting with a digit) (token '3')")]
    [InlineData(TraceFileFormat.Numbers, "open read close", "2: not a syscall number (expected a non-negative integer) (token 'open')")]
    public void GivenAnExplicitFormat_WhenAFileDoesNotFitIt_ThenTheErrorNamesFileLineAndToken(TraceFileFormat format, string content, string message)
    {
        var folder = WriteMixedFolder();
        File.WriteAllText(_temp.Combine("normal", "names.txt"), "\n" + content);
        File.WriteAllText(_temp.Combine("normal", "numbers.txt"), "\n" + content);
        File.WriteAllText(_temp.Combine("labels.csv"), "file,split,label\nnormal/names.txt,train,normal\nnormal/numbers.txt,test,normal\n");

        var error = Assert.Throws<DatasetException>(() => Load(new TraceFolderOptions { Path = folder, Format = format }));

        Assert.EndsWith(message, error.Message);
    }

    [Fact]
    public void GivenAnEmptyOrBlankFile_WhenLoaded_ThenTheErrorSaysTheTraceIsEmpty()
    {
        var folder = WriteMixedFolder();
        File.WriteAllText(_temp.Combine("normal", "names.txt"), " \n\n");

        var error = Assert.Throws<DatasetException>(() => Load(new TraceFolderOptions { Path = folder }));

        Assert.Equal($"{_temp.Combine("normal", "names.txt")}: empty trace (the file has no non-blank line).", error.Message);
    }

    [Fact]
    public void GivenAGzippedNumbersFile_WhenLoaded_ThenItReadsLikeThePlainOne()
    {
        var folder = WriteMixedFolder(Labels.Replace("normal/numbers.txt", "normal/numbers.txt.gz", StringComparison.Ordinal));
        Gzip(_temp.Combine("normal", "numbers.txt"), _temp.Combine("normal", "numbers.txt.gz"));

        var dataset = Load(new TraceFolderOptions { Path = folder });

        Assert.Equal([2, 0, 3], dataset.Train.Single(t => t.Id == "normal/numbers.txt.gz").Calls);
    }

    [Theory]
    [InlineData("3 4 5\nread", TraceFileFormat.Numbers)]
    [InlineData("\n\n-1 4", TraceFileFormat.Numbers)]
    [InlineData("\uFEFFopen read close", TraceFileFormat.Names)]
    [InlineData("execve(\"/bin/sh\") = 0", TraceFileFormat.Strace)]
    [InlineData("1234 12:00:00.000001 read(0, \"\", 1) = 0", TraceFileFormat.Strace)]
    [InlineData("--- SIGCHLD {si_signo=SIGCHLD} ---", TraceFileFormat.Strace)]
    [InlineData("<... read resumed>) = 0", TraceFileFormat.Strace)]
    [InlineData(" \n\t\n", null)]
    public void GivenAFirstLine_WhenDetected_ThenTheFormatIsAsDocumented(string content, TraceFileFormat? format) =>
        Assert.Equal(format, TraceFileFormats.Detect(System.Text.Encoding.UTF8.GetBytes(content)));

    [Theory]
    [InlineData("123 ", TraceFileFormat.Numbers)]
    [InlineData("openat ", TraceFileFormat.Names)]
    public void GivenAFirstLineLongerThanDetectionLooksAt_WhenAFileIsDetected_ThenItIsJudgedByItsStart(string token, TraceFileFormat format)
    {
        // Given one line of 100,000 tokens (a whole trace on one line, cut mid-token by detection's look-ahead)
        var path = Path.Combine(Path.GetTempPath(), $"syscallbench-detect-{Guid.NewGuid():N}.txt");
        File.WriteAllText(path, string.Concat(Enumerable.Repeat(token, 100_000)));
        try
        {
            Assert.Equal(format, TraceFileFormats.Detect(path));
        }
        finally
        {
            File.Delete(path);
        }
    }
}
