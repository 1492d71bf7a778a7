using System.Globalization;

namespace SyscallBench.Core.Streaming;

/// <summary>How a process's calls are cut into the windows that are scored, calibrated and alerted on.</summary>
/// <remarks>
/// <para>Exactly one of <see cref="Calls"/> and <see cref="Seconds"/> is set. Call windows hold
/// <see cref="Calls"/> consecutive calls. Time windows start at their first call's time and hold every
/// later call earlier than start + <see cref="Seconds"/>; a window is closed by the first call at or past
/// that time (which opens the next window), so an idle process has no empty windows. A time window that
/// reaches <see cref="MaxCalls"/> calls is closed early, to keep memory bounded.</para>
/// <para>A window also keeps the <see cref="ContextCalls"/> calls before it (fewer at the start of a
/// process), so detectors that score each call from the calls before it (stide windows, n-gram orders,
/// the LSTM) see the same history as inside a whole trace. The last window of a process (at its exit or
/// the end of the input) may be shorter: it is scored like any other, in calibration and scoring alike.</para>
/// </remarks>
public sealed record WindowSpec(int? Calls, double? Seconds, int ContextCalls = WindowSpec.DefaultContextCalls, int MaxCalls = WindowSpec.DefaultMaxCalls)
{
    public const int DefaultCalls = 100;
    public const int DefaultContextCalls = 16;
    public const int DefaultMaxCalls = 10_000;

    public bool IsTimed => Seconds is not null;

    /// <summary>The most calls a window can hold.</summary>
    public int Capacity => Calls ?? MaxCalls;

    /// <summary>Problems with the spec, as messages naming the option; empty when valid.</summary>
    public IEnumerable<string> Validate()
    {
        if ((Calls is null) == (Seconds is null))
        {
            yield return "give exactly one of --window-calls and --window-seconds";
        }

        if (Calls is < 1)
        {
            yield return $"--window-calls must be at least 1, got {Calls}";
        }

        if (Seconds is { } s && !(s > 0 && double.IsFinite(s)))
        {
            yield return $"--window-seconds must be above 0, got {s.ToString("R", CultureInfo.InvariantCulture)}";
        }

        if (ContextCalls < 0)
        {
            yield return $"--context-calls must be at least 0, got {ContextCalls}";
        }

        if (MaxCalls < 1)
        {
            // No option sets it (a fixed memory bound): name the property, not a non-existent option.
            yield return $"the most calls of a window (WindowSpec.MaxCalls) must be at least 1, got {MaxCalls}";
        }
    }

    /// <summary>A stable one-line description, used in output and in calibration cache keys.</summary>
    public override string ToString() => (IsTimed
            ? $"{Seconds!.Value.ToString("R", CultureInfo.InvariantCulture)} s (at most {MaxCalls} calls)"
            : $"{Calls} calls")
        + $", {ContextCalls} calls of context";
}
