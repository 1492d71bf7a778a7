using System.Diagnostics;
using SyscallBench.Core.Streaming;
using SyscallBench.Core.Tests.Datasets;
using SyscallBench.TestSupport;

namespace SyscallBench.Core.Tests.Traces;

public sealed class RegularFilesTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [LinuxFact]
    public void GivenALinkLoopADanglingLinkAndAFifo_WhenAFolderIsListed_ThenOnlyRegularFilesComeBackAndEachOtherIsNamed()
    {
        // Given d/ with a trace, a link to it, a link back to d (`ln -s ../d d/self`), a dangling link and a FIFO
        var folder = Directory.CreateDirectory(_temp.Combine("d")).FullName;
        File.WriteAllText(Path.Combine(folder, "a.txt"), "3 4 5");
        File.CreateSymbolicLink(Path.Combine(folder, "b.txt"), Path.Combine(folder, "a.txt"));
        Directory.CreateSymbolicLink(Path.Combine(folder, "self"), "../d");
        File.CreateSymbolicLink(Path.Combine(folder, "gone.txt"), Path.Combine(folder, "nowhere.txt"));
        using (var mkfifo = Process.Start("mkfifo", Path.Combine(folder, "pipe")))
        {
            mkfifo.WaitForExit();
            Assert.Equal(0, mkfifo.ExitCode);
        }

        // When score lists the folder
        var skipped = new List<string>();
        var files = ScoreInputs.FilesOf(folder, skipped.Add);

        // Then the two names of the trace come back once each, and the three others are named with their reason
        Assert.Equal([Path.Combine(folder, "a.txt"), Path.Combine(folder, "b.txt")], files);
        Assert.Equal(3, skipped.Count);
        Assert.Contains(skipped, s => s.Contains("self: a symbolic link to a folder, not followed", StringComparison.Ordinal));
        Assert.Contains(skipped, s => s.Contains("gone.txt: a symbolic link to", StringComparison.Ordinal) && s.Contains("which does not exist", StringComparison.Ordinal));
        Assert.Contains(skipped, s => s.Contains("pipe: not a regular file (a FIFO", StringComparison.Ordinal));
    }
}

/// <summary>A fact about Linux file types (FIFOs, stat(2)); skipped elsewhere, saying so.</summary>
public sealed class LinuxFactAttribute : FactAttribute
{
    public LinuxFactAttribute()
    {
        if (!OperatingSystem.IsLinux())
        {
            Skip = "FIFOs and stat(2) file types are checked on Linux only.";
        }
    }
}
