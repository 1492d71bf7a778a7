using System.IO.Compression;
using SyscallBench.Core.Recording.LidDs;
using SyscallBench.Core.Tests.Datasets;
using SyscallBench.TestSupport;

namespace SyscallBench.Core.Tests.Recording;

public sealed class LidDsRecordingFileTests
{
    private static RecordingMetadata Metadata(string name) => new()
    {
        Name = name,
        Image = "cat",
        ContainerName = "record-1",
        RecordingStartUnixSeconds = 1_700_000_000,
        RecordingSeconds = 1,
        Recorder = new RecorderInfo
        {
            ToolVersion = "t",
            Engine = "ring-buffer",
            EngineVersion = "v",
            Cgroups = [],
            Events = 1,
            LostEvents = 0,
            MalformedLines = 0,
            OutOfOrderEvents = 0,
            StopReason = "command exited",
        },
    };

    [Fact]
    public void GivenACompletedRecording_WhenOpened_ThenTheZipHoldsNameDotScAndNameDotJsonAndNothingElseIsLeft()
    {
        using var folder = new TempDirectory();
        var path = folder.Combine("quiet_tesla_0001.zip");
        using (var recording = LidDsRecordingFile.Create(path))
        {
            recording.Lines.Write("1700000000000000001 0 5 cat 5 read > \n");
            recording.Complete(Metadata("quiet_tesla_0001"));
        }

        using var zip = ZipFile.OpenRead(path);
        Assert.Equal(["quiet_tesla_0001.sc", "quiet_tesla_0001.json"], zip.Entries.Select(e => e.FullName));
        using var sc = new StreamReader(zip.Entries[0].Open());
        Assert.Equal("1700000000000000001 0 5 cat 5 read > \n", sc.ReadToEnd());
        Assert.Equal(["quiet_tesla_0001.zip"], Directory.EnumerateFileSystemEntries(folder.Path).Select(Path.GetFileName));
    }

    [Fact]
    public void GivenARecordingThatFailsBeforeItIsComplete_WhenDisposed_ThenNoZipAndNoTemporaryFileIsLeft()
    {
        using var folder = new TempDirectory();
        using (var recording = LidDsRecordingFile.Create(folder.Combine("r.zip")))
        {
            recording.Lines.Write("half a recording");
        }

        Assert.Empty(Directory.EnumerateFileSystemEntries(folder.Path));
    }

    [Theory]
    [InlineData("out.sc")]
    [InlineData(".zip")]
    public void GivenAPathThatIsNotNameDotZip_WhenCreated_ThenTheErrorSaysWhatToGive(string name)
    {
        using var folder = new TempDirectory();

        var error = Assert.Throws<SyscallBenchException>(() => LidDsRecordingFile.Create(folder.Combine(name)));

        Assert.Contains("ending in .zip", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void GivenAnExistingFile_WhenCreated_ThenItIsRefusedAndKept()
    {
        using var folder = new TempDirectory();
        File.WriteAllText(folder.Combine("r.zip"), "keep me");

        Assert.Throws<SyscallBenchException>(() => LidDsRecordingFile.Create(folder.Combine("r.zip")));
        Assert.Equal("keep me", File.ReadAllText(folder.Combine("r.zip")));
    }
}
