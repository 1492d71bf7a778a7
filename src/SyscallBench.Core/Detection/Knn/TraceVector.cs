namespace SyscallBench.Core.Detection.Knn;

/// <summary>
/// A trace as a sparse weighted vector over the training n-grams, plus what it holds that training never
/// showed (those features have no posting, so they only enter the norms).
/// </summary>
/// <param name="Features">Training feature indices, ascending.</param>
/// <param name="Weights">The weight of each of <see cref="Features"/>.</param>
/// <param name="Sum">Σ w over every feature, unseen ones included (the Jaccard denominators).</param>
/// <param name="SquaredNorm">Σ w² over every feature, unseen ones included.</param>
internal sealed record TraceVector(int[] Features, double[] Weights, double Sum, double SquaredNorm);
