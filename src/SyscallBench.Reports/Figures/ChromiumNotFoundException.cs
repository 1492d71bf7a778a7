using SyscallBench.Core;

namespace SyscallBench.Reports.Figures;

/// <summary>No headless Chromium to render figures with; the message says where it was looked for and how to install it.</summary>
public sealed class ChromiumNotFoundException(string message) : SyscallBenchException(message);
