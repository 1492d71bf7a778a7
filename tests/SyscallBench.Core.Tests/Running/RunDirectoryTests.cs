using System.Diagnostics;
using System.Globalization;
using SyscallBench.Core.Running;

namespace SyscallBench.Core.Tests.Running;

public sealed class RunDirectoryTests : IDisposable
{
    private readonly string _results = Directory.CreateTempSubdirectory("syscallbench-rundir-").FullName;

    public void Dispose() => Directory.Delete(_results, recursive: true);

    private string Partial(string name, string? owner)
    {
        var folder = Directory.CreateDirectory(Path.Combine(_results, "exp", $".{name}.partial")).FullName;
        File.WriteAllText(Path.Combine(folder, "scores.csv"), "half-written");
        if (owner is not null)
        {
            File.WriteAllText(Path.Combine(folder, RunDirectory.OwnerFile), owner);
        }

        return folder;
    }

    [Fact]
    public void GivenPartialFoldersOfADeadRunALiveRunAndAnotherMachinesRun_WhenARunStarts_ThenOnlyTheDeadRunsIsRemoved()
    {
        // Given the folder a SIGKILLed run left (its process is gone), one of a live run (this process), and
        // one written from another machine sharing the folder
        using var self = Process.GetCurrentProcess();
        var ticks = self.StartTime.ToUniversalTime().Ticks.ToString(CultureInfo.InvariantCulture);
        var dead = Partial("dead", $"{Environment.MachineName}\n{int.MaxValue - 7}\n{ticks}");
        var reused = Partial("reused", $"{Environment.MachineName}\n{self.Id}\n1");
        var live = Partial("live", $"{Environment.MachineName}\n{self.Id}\n{ticks}");
        var elsewhere = Partial("elsewhere", $"another-host\n{int.MaxValue - 7}\n{ticks}");

        // When a run of the same experiment starts
        using var run = RunDirectory.Create(_results, "exp", DateTimeOffset.UtcNow);

        // Then the dead run's folder (and one whose pid now belongs to another process) is gone, the others stay
        Assert.False(Directory.Exists(dead));
        Assert.False(Directory.Exists(reused));
        Assert.True(Directory.Exists(live));
        Assert.True(Directory.Exists(elsewhere));
        Assert.True(Directory.Exists(run.PartialPath));
    }

    [Fact]
    public void GivenARunCommitted_WhenItsFolderIsListed_ThenTheOwnerNoteIsNotInIt()
    {
        // Given a run whose partial folder carries its owner
        var run = RunDirectory.Create(_results, "exp", DateTimeOffset.UtcNow);
        Assert.True(File.Exists(Path.Combine(run.PartialPath, RunDirectory.OwnerFile)));

        // When it is committed
        run.Commit();
        run.Dispose();

        // Then the committed run holds only its results
        Assert.False(File.Exists(Path.Combine(run.FinalPath, RunDirectory.OwnerFile)));
    }
}
