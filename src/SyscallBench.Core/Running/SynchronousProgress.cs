namespace SyscallBench.Core.Running;

/// <summary>
/// An IProgress that calls its handler at once, on the reporting thread. System.Progress&lt;T&gt; posts
/// to the thread pool in a console app, so reports would arrive late and out of order.
/// </summary>
public sealed class SynchronousProgress<T>(Action<T> handler) : IProgress<T>
{
    public void Report(T value) => handler(value);
}
