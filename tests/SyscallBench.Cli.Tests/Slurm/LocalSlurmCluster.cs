namespace SyscallBench.Cli.Tests.Slurm;

/// <summary>
/// A one-node Slurm cluster run by the project's scripts/slurm/local-cluster.sh in a folder and on ports of
/// its own (so a cluster the user started is never touched), and the Slurm commands pointed at it.
/// </summary>
/// <remarks>
/// Test runs in other worktrees on the same machine would use the same folder and ports, so the cluster is
/// held under an exclusive lock file for its lifetime (.NET takes an flock for FileShare.None on Unix).
/// </remarks>
internal sealed class LocalSlurmCluster : IDisposable
{
    private static readonly TimeSpan LockTimeout = TimeSpan.FromMinutes(20);
    private static readonly TimeSpan ScriptTimeout = TimeSpan.FromMinutes(3);
    private readonly FileStream _lock;
    private bool _started;

    public LocalSlurmCluster(string name, int port)
    {
        Folder = Path.Combine(Path.GetTempPath(), $"syscallbench-slurm-{name}");
        Port = port;
        _lock = TakeLock(Folder + ".lock");
    }

    public static string ScriptPath => Path.Combine(CliHarness.RepositoryRoot, "scripts", "slurm", "local-cluster.sh");

    public string Folder { get; }

    public int Port { get; }

    public string ConfigFile => Path.Combine(Folder, "slurm.conf");

    /// <summary>What the script and the Slurm commands need to find this cluster.</summary>
    public IReadOnlyDictionary<string, string> Environment => new Dictionary<string, string>
    {
        ["SYSCALLBENCH_SLURM_DIR"] = Folder,
        ["SYSCALLBENCH_SLURM_PORT"] = Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["SLURM_CONF"] = ConfigFile,
        ["PATH"] = (System.Environment.GetEnvironmentVariable("PATH") ?? "/usr/bin:/bin") + ":/usr/sbin:/sbin",
    };

    /// <summary>Starts from a clean folder: whatever a crashed earlier run left is stopped and removed first.</summary>
    public void StartFresh()
    {
        Stop();
        if (Directory.Exists(Folder))
        {
            Directory.Delete(Folder, recursive: true);
        }

        var started = Script("start");
        _started = true;
        Assert.True(started.ExitCode == 0, started.Describe());
    }

    public ShellResult Script(string verb) =>
        ShellCommand.Run("bash", [ScriptPath, verb], CliHarness.RepositoryRoot, Environment, ScriptTimeout);

    /// <summary>A Slurm client command (squeue, scontrol, sacct, scancel) against this cluster.</summary>
    public ShellResult Command(string program, params string[] arguments) =>
        ShellCommand.Run(program, arguments, CliHarness.RepositoryRoot, Environment, TimeSpan.FromMinutes(1));

    public ShellResult Stop() => Script("stop");

    public void Dispose()
    {
        try
        {
            if (_started)
            {
                var stopped = Stop();
                if (stopped.ExitCode != 0)
                {
                    throw new InvalidOperationException("Could not stop the test's Slurm cluster:\n" + stopped.Describe());
                }
            }
        }
        finally
        {
            _lock.Dispose();
        }
    }

    private static FileStream TakeLock(string path)
    {
        var deadline = DateTime.UtcNow + LockTimeout;
        while (true)
        {
            try
            {
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException) when (DateTime.UtcNow < deadline)
            {
                Thread.Sleep(TimeSpan.FromSeconds(2));
            }
            catch (IOException e)
            {
                throw new TimeoutException($"{path} stayed locked for {LockTimeout.TotalMinutes} min: another test run holds this Slurm cluster.", e);
            }
        }
    }
}
