namespace SyscallBench.Core.Traces;

/// <summary>How a recording's calls become the sequences detectors fit on and score (its streams).</summary>
public enum RecordingStreams
{
    /// <summary>One stream per thread id: each thread's calls in order (LID-DS's own detectors are thread-aware).</summary>
    Thread,

    /// <summary>One stream per process id: the calls of all of a process's threads, interleaved in time order.</summary>
    Process,

    /// <summary>One stream: every call of the recording, interleaved in time order.</summary>
    Recording,
}
