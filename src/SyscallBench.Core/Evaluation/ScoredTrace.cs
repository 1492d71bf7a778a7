using SyscallBench.Core.Traces;

namespace SyscallBench.Core.Evaluation;

/// <summary>One test trace as evaluation sees it: its label, attack family and a detector's score.</summary>
/// <param name="TraceId">The trace's id, named in error messages.</param>
/// <param name="Label">Normal or attack; attack is the positive class.</param>
/// <param name="Family">Attack family for per-family detection rates; ignored for normal traces.</param>
/// <param name="Score">The detector's score: higher = more anomalous; must be finite.</param>
public sealed record ScoredTrace(string TraceId, TraceLabel Label, string? Family, double Score);
