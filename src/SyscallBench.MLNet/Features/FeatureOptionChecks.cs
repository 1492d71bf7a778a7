using SyscallBench.Core.Options;

namespace SyscallBench.MLNet.Features;

/// <summary>Validation shared by every options class that embeds the n-gram feature parameters.</summary>
internal static class FeatureOptionChecks
{
    public static IEnumerable<OptionError> Validate(int ngramLength, string propertyName)
    {
        if (ngramLength is < 1 or > NGramFeatureSettings.MaxSupportedLength)
        {
            yield return new OptionError(propertyName,
                $"must be between 1 and {NGramFeatureSettings.MaxSupportedLength} (ML.NET's n-gram limit), got {ngramLength}");
        }
    }
}
