using SyscallBench.Core;

namespace SyscallBench.Lstm;

/// <summary>
/// TorchSharp's native libraries cannot be used on this machine (or the requested device is missing).
/// Thrown when an LSTM detector is fitted or loaded, never earlier, so experiments without the LSTM
/// still run. The message names the cause and the remedy.
/// </summary>
public sealed class LstmUnavailableException : SyscallBenchException
{
    public LstmUnavailableException(string message)
        : base(message)
    {
    }

    public LstmUnavailableException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
