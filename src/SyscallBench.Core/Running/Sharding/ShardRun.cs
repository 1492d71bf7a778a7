namespace SyscallBench.Core.Running.Sharding;

/// <summary>
/// What a shard's run folder records so `merge` can check the shards fit together: which shard it is,
/// the keys of the units it ran, and the keys of the whole plan (every shard computes the same plan).
/// </summary>
public sealed record ShardRun(ShardSpec Spec, IReadOnlyList<string> UnitKeys, IReadOnlyList<string> PlanKeys);
