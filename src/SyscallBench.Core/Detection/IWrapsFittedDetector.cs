namespace SyscallBench.Core.Detection;

/// <summary>
/// A fitted detector that scores through another one (a chosen variant of a <c>select:</c>): what the inner
/// model can do besides scoring (predict next calls, list its n-grams) is found through <see cref="FittedDetectorExtensions.As{T}"/>.
/// </summary>
public interface IWrapsFittedDetector
{
    IFittedDetector Inner { get; }
}

public static class FittedDetectorExtensions
{
    /// <summary>The detector as <typeparamref name="T"/>, or the detector it wraps (recursively) as one; null when neither is.</summary>
    public static T? As<T>(this IFittedDetector fitted)
        where T : class =>
        fitted as T ?? (fitted is IWrapsFittedDetector wrapper ? wrapper.Inner.As<T>() : null);
}
