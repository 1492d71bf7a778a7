namespace SyscallBench.Core;

/// <summary>
/// An error caused by the user's input (config, dataset, arguments), not by a bug: the CLI prints its
/// message alone, without a stack trace, and exits non-zero. Messages name the file and place.
/// </summary>
public class SyscallBenchException : Exception
{
    public SyscallBenchException(string message)
        : base(message)
    {
    }

    public SyscallBenchException(string message, Exception inner)
        : base(message, inner)
    {
    }
}

/// <summary>A dataset file or folder that is missing or malformed.</summary>
public sealed class DatasetException : SyscallBenchException
{
    public DatasetException(string message)
        : base(message)
    {
    }

    public DatasetException(string message, Exception inner)
        : base(message, inner)
    {
    }

    /// <summary>A malformed token: "file:line: message (token 'x')".</summary>
    public static DatasetException AtToken(string file, int line, string token, string message) =>
        new($"{file}:{line}: {message} (token '{token}')");
}
