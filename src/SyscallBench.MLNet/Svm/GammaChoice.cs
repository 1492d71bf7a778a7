using System.Globalization;

namespace SyscallBench.MLNet.Svm;

/// <summary>
/// The RBF width as written in a config: "scale" = 1 / (n_features · Var(X)) with the variance over every
/// entry of the training matrix (scikit-learn's default; 1 when that variance is 0), "auto" = 1 / n_features,
/// or a positive number.
/// </summary>
public static class GammaChoice
{
    public const string Scale = "scale";
    public const string Auto = "auto";

    /// <summary>Null when the text is valid, else what is wrong.</summary>
    public static string? Check(string text)
    {
        var trimmed = text.Trim();
        if (trimmed is Scale or Auto)
        {
            return null;
        }

        return double.TryParse(trimmed, NumberStyles.Float, CultureInfo.InvariantCulture, out var value)
               && value > 0 && double.IsFinite(value)
            ? null
            : $"must be 'scale', 'auto' or a positive number, got '{text}'";
    }

    /// <summary>Resolves the text against the training matrix (rows <paramref name="vectors"/>, <paramref name="featureCount"/> columns).</summary>
    public static double Resolve(string text, IReadOnlyList<SparseVector> vectors, int featureCount)
    {
        if (Check(text) is { } problem)
        {
            throw new ArgumentException($"gamma {problem}.", nameof(text));
        }

        if (featureCount <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(featureCount), "gamma needs at least one feature.");
        }

        return text.Trim() switch
        {
            Scale => Variance(vectors, featureCount) is var variance && variance != 0 ? 1.0 / (featureCount * variance) : 1.0,
            Auto => 1.0 / featureCount,
            var number => double.Parse(number, NumberStyles.Float, CultureInfo.InvariantCulture),
        };
    }

    /// <summary>Population variance of all rows × featureCount entries (implicit zeros included), two-pass.</summary>
    public static double Variance(IReadOnlyList<SparseVector> vectors, int featureCount)
    {
        var entries = (double)vectors.Count * featureCount;
        double sum = 0;
        long stored = 0;
        foreach (var vector in vectors)
        {
            foreach (var value in vector.Values)
            {
                sum += value;
            }

            stored += vector.NonZeroCount;
        }

        var mean = sum / entries;
        double squares = 0;
        foreach (var vector in vectors)
        {
            foreach (var value in vector.Values)
            {
                var d = value - mean;
                squares += d * d;
            }
        }

        // Every entry not stored is 0 and contributes mean².
        squares += (entries - stored) * mean * mean;
        return squares / entries;
    }
}
