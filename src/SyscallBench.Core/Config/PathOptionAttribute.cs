namespace SyscallBench.Core.Config;

/// <summary>
/// Marks an options property that holds a file or folder path, relative to the experiment file. A run's
/// config.yaml writes it resolved (absolute), so the run folder's config reads the same data from anywhere,
/// whatever file it was first read from.
/// </summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class PathOptionAttribute : Attribute;
