using System.Runtime.Versioning;

namespace SyscallBench.Cli.Tests;

/// <summary>
/// Environment failures as a real unprivileged user meets them (issue #18, case 7): the built CLI runs as `nobody`
/// (setpriv) against an output folder or a cache it may not write. CI runs as root, for whom every folder is
/// writable, so a test that only removes write permission passes without testing anything; this one needs root to
/// become nobody, and skips, saying why, otherwise.
/// </summary>
/// <remarks>
/// nobody must read the built CLI and the experiment: both are copied into a temporary folder everyone can read when
/// nobody cannot read them where they are (a clone under /root, as CI's may be). The CLI is linked there rather than
/// copied where the file system allows (it is about 500 MB with libtorch).
/// </remarks>
[UnsupportedOSPlatform("windows")]
public sealed class UnprivilegedUserTests : IDisposable
{
    private const string Nobody = "nobody";

    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(3);

    private readonly string _root;

    public UnprivilegedUserTests()
    {
        // CreateTempSubdirectory makes the folder 700: opened to all, so nobody reaches what is inside.
        _root = Directory.CreateTempSubdirectory("syscallbench-nobody-").FullName;
        File.SetUnixFileMode(_root, (UnixFileMode)Convert.ToInt32("755", 8));
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);

    public static TheoryData<string, string> Folders() => new()
    {
        // What nobody may not write, and the path the message must name (relative to the output folder).
        { "output folder", "" },
        { "model cache", ".model-cache" },
    };

    [UnprivilegedUserTheory]
    [MemberData(nameof(Folders))]
    public void GivenAFolderNobodyCannotWrite_WhenNobodyRunsAnExperiment_ThenItExitsOneNamingThePathAndLeavesNoRun(string what, string unwritable)
    {
        // Given an experiment nobody can read, and an output folder where the named folder belongs to root (755)
        var tool = ReadableTool();
        var experiment = WriteExperiment();
        var output = Path.Combine(_root, "out");
        Directory.CreateDirectory(output);
        if (unwritable.Length > 0)
        {
            File.SetUnixFileMode(output, (UnixFileMode)Convert.ToInt32("777", 8));
            Directory.CreateDirectory(Path.Combine(output, unwritable));
        }

        var denied = Path.Combine(output, unwritable).TrimEnd('/');
        Assert.False(CanWrite(denied), $"{Nobody} can write {denied}: the test would prove nothing");

        // When nobody runs it
        var run = AsNobody("dotnet", Path.Combine(tool, "syscallbench.dll"), experiment, "--output", output);

        // Then it exits 1 with a message naming the folder, no stack trace, and no run folder, partial or final
        Assert.True(run.ExitCode == 1, $"{what}: {run.Describe()}");
        Assert.Contains(denied, run.StandardOutput + run.StandardError, StringComparison.Ordinal);
        Assert.DoesNotContain("internal error", run.StandardOutput + run.StandardError, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", run.StandardOutput + run.StandardError, StringComparison.Ordinal);
        var experimentFolder = Path.Combine(output, "nobody-test");
        Assert.True(!Directory.Exists(experimentFolder) || Directory.GetFileSystemEntries(experimentFolder).Length == 0,
            $"{what}: left behind {string.Join(", ", Directory.Exists(experimentFolder) ? Directory.GetFileSystemEntries(experimentFolder) : [])}");
    }

    /// <summary>A tiny trace folder and its experiment (stide on numbers files), in the folder nobody can read.</summary>
    private string WriteExperiment()
    {
        var traces = Directory.CreateDirectory(Path.Combine(_root, "traces")).FullName;
        File.WriteAllText(Path.Combine(traces, "train-1.txt"), "1 2 3 4 1 2 3 4 1 2 3 4\n");
        File.WriteAllText(Path.Combine(traces, "train-2.txt"), "2 3 4 1 2 3 4 1 2 3\n");
        File.WriteAllText(Path.Combine(traces, "normal.txt"), "1 2 3 4 1 2 3 4\n");
        File.WriteAllText(Path.Combine(traces, "attack.txt"), "1 2 9 9 4 1 2 3\n");
        File.WriteAllText(Path.Combine(traces, "labels.csv"),
            "file,split,label,family\ntrain-1.txt,train,normal,\ntrain-2.txt,train,normal,\nnormal.txt,test,normal,\nattack.txt,test,attack,odd\n");
        var experiment = Path.Combine(_root, "nobody-test.yaml");
        File.WriteAllText(experiment, """
            name: nobody-test
            dataset: {type: trace-folder, params: {path: traces}}
            detectors:
              - {name: stide-3, type: stide, params: {window_length: 3}}
            evaluation: {bootstrap_resamples: 20}
            """);
        return experiment;
    }

    /// <summary>The built CLI's folder, or a copy of it nobody can read (hard links where the file system allows).</summary>
    private string ReadableTool()
    {
        var built = ScenarioFactAttribute.Tool;
        if (AsNobody("test", "-r", Path.Combine(built, "syscallbench.dll")).ExitCode == 0)
        {
            return built;
        }

        var copy = Path.Combine(_root, "tool");
        var linked = ShellCommand.Run("cp", ["-al", built, copy], _root, new Dictionary<string, string>(), Timeout);
        if (linked.ExitCode != 0)
        {
            Directory.Delete(copy, recursive: true);
            var copied = ShellCommand.Run("cp", ["-r", built, copy], _root, new Dictionary<string, string>(), Timeout);
            Assert.True(copied.ExitCode == 0, copied.Describe());
        }

        var opened = ShellCommand.Run("chmod", ["-R", "a+rX", copy], _root, new Dictionary<string, string>(), Timeout);
        Assert.True(opened.ExitCode == 0, opened.Describe());
        return copy;
    }

    private bool CanWrite(string folder) => AsNobody("test", "-w", folder).ExitCode == 0;

    private ShellResult AsNobody(string program, params string[] arguments) =>
        ShellCommand.Run("setpriv", ["--reuid=nobody", "--regid=nogroup", "--clear-groups", "--", program, .. arguments], _root,
            new Dictionary<string, string>
            {
                ["HOME"] = _root,
                ["DOTNET_CLI_HOME"] = _root,
                ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1",
                ["DOTNET_NOLOGO"] = "1",
            },
            Timeout);
}

/// <summary>Runs only as root (to become nobody) with setpriv, the built CLI and a dotnet others may run; skips saying which is missing.</summary>
[UnsupportedOSPlatform("windows")]
public sealed class UnprivilegedUserTheoryAttribute : TheoryAttribute
{
    public UnprivilegedUserTheoryAttribute()
    {
        var missing = !IsRoot() ? "it runs as root only (to become the unprivileged user nobody with setpriv); this user is not root"
            : !File.Exists("/usr/bin/setpriv") && !File.Exists("/bin/setpriv") ? "setpriv (util-linux) is not installed"
            : !File.Exists(Path.Combine(ScenarioFactAttribute.Tool, "syscallbench.dll"))
                ? $"the CLI is not built at {ScenarioFactAttribute.Tool} (dotnet build SyscallBench.csproj)"
            : ClosedToOthers(Dotnet());
        if (missing is not null)
        {
            Skip = $"Unprivileged-user test skipped: {missing}. CI runs it as root (.ci/run).";
        }
    }

    /// <summary>The dotnet host on PATH, links resolved (its runtimes are beside it).</summary>
    private static string? Dotnet()
    {
        var onPath = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':')
            .Select(d => Path.Combine(d, "dotnet")).FirstOrDefault(File.Exists);
        return onPath is null ? null : new FileInfo(onPath).ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? onPath;
    }

    /// <summary>Why nobody cannot run <paramref name="dotnet"/> (a folder on its way closed to others, as /root is), or null.</summary>
    private static string? ClosedToOthers(string? dotnet)
    {
        if (dotnet is null)
        {
            return "dotnet is not on PATH";
        }

        for (var folder = Path.GetDirectoryName(dotnet); folder is not null; folder = Path.GetDirectoryName(folder))
        {
            if (!File.GetUnixFileMode(folder).HasFlag(UnixFileMode.OtherExecute))
            {
                return $"nobody cannot run {dotnet}: {folder} is closed to other users";
            }
        }

        return null;
    }

    private static bool IsRoot() =>
        File.Exists("/proc/self/status")
        && File.ReadLines("/proc/self/status").FirstOrDefault(l => l.StartsWith("Uid:", StringComparison.Ordinal)) is { } uid
        && uid.Split((char[])['\t', ' '], StringSplitOptions.RemoveEmptyEntries).ElementAtOrDefault(2) == "0";
}
