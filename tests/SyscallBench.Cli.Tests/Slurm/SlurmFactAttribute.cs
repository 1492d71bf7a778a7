using SyscallBench.Lstm.Native;

namespace SyscallBench.Cli.Tests.Slurm;

/// <summary>
/// A fact that starts a real one-node Slurm cluster (scripts/slurm/local-cluster.sh), so it runs only as
/// root on Linux with Slurm and MUNGE installed and at least the 2 CPUs scripts/slurm/array.sbatch asks
/// for; skipped elsewhere, saying what is missing. .ci/run installs the packages.
/// </summary>
public sealed class SlurmFactAttribute : FactAttribute
{
    private static readonly string[] Programs = ["munged", "mungekey", "slurmctld", "slurmd", "sbatch", "squeue", "scontrol", "scancel", "sacct"];

    public SlurmFactAttribute()
    {
        if (WhyNot() is { } reason)
        {
            Skip = reason;
        }
    }

    /// <summary>The test makes a shard fail with `device: cuda`, which needs a build whose libtorch has no CUDA.</summary>
    public bool NeedsCpuOnlyTorch { get; set; }

    public override string? Skip
    {
        get => base.Skip ?? (NeedsCpuOnlyTorch && TorchBuild.HasCudaLibTorch
            ? $"This build has the CUDA libtorch ({TorchBuild.LibTorchPackage}): device: cuda may succeed here, so it cannot make a shard fail."
            : null);
        set => base.Skip = value;
    }

    /// <summary>Why a local Slurm cluster cannot run here; null when it can.</summary>
    public static string? WhyNot()
    {
        if (!OperatingSystem.IsLinux())
        {
            return "A local Slurm cluster needs Linux.";
        }

        if (Environment.UserName != "root")
        {
            return "Starting slurmd needs root (it runs jobs as their submitters); run the tests as root, as CI does.";
        }

        var missing = Programs.Where(p => FindOnPath(p) is null).ToArray();
        if (missing.Length > 0)
        {
            return $"Slurm or MUNGE is not installed ({string.Join(", ", missing)} not on PATH); "
                + "run 'scripts/slurm/local-cluster.sh install' as root (Debian packages slurm-wlm and munge), as .ci/run does.";
        }

        return Environment.ProcessorCount < 2
            ? $"scripts/slurm/array.sbatch asks for 2 CPUs per shard; this machine has {Environment.ProcessorCount}."
            : null;
    }

    private static string? FindOnPath(string program) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Concat(["/usr/sbin", "/sbin"])
            .Select(folder => Path.Combine(folder, program))
            .FirstOrDefault(File.Exists);
}
