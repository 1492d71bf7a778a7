namespace SyscallBench.Core.Running.Caching;

/// <summary>A duration as the caches store it (seconds, a double) read back to the exact tick.</summary>
/// <remarks>
/// TimeSpan.FromSeconds truncates seconds × 10^7 to whole ticks, and ticks / 10^7 in binary floating point often
/// multiplies back to a hair below the tick count (21 ticks: 2.1E-06 × 10^7 = 20.999999999999996, so 20 ticks; about 6% of
/// random durations): a reused unit then reported a fit time one tick off the one its first run reported (the
/// cache-reuse test of ExperimentRunnerTests failed now and then). Rounding to the nearest tick gives back exactly what was stored.
/// </remarks>
internal static class CachedDuration
{
    public static TimeSpan FromSeconds(double seconds) => TimeSpan.FromTicks((long)Math.Round(seconds * TimeSpan.TicksPerSecond));
}
