using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace JwtBlog.Tests.Infrastructure;

// Every log line the app writes, with its exception, to check what it reveals.
public sealed class CapturedLogs : ILoggerProvider
{
    public ConcurrentQueue<string> Lines { get; } = new();

    // The EventId of every line, in the same order.
    public ConcurrentQueue<EventId> Events { get; } = new();

    private readonly Lock _lock = new();
    private readonly List<(int EventId, int Count, TaskCompletionSource Reached)> _waiters = [];

    public ILogger CreateLogger(string categoryName) => new Logger(categoryName, this);

    // Returns once this many lines with the event id have been written (counting those already written).
    public Task WaitForEventAsync(int eventId, int count, TimeSpan? timeout = null)
    {
        lock (_lock)
        {
            if (Events.Count(e => e.Id == eventId) >= count)
            {
                return Task.CompletedTask;
            }

            var reached = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiters.Add((eventId, count, reached));
            return reached.Task.WaitAsync(timeout ?? TimeSpan.FromSeconds(30));
        }
    }

    private void Written(EventId eventId)
    {
        lock (_lock)
        {
            foreach (var waiter in _waiters.Where(w => w.EventId == eventId.Id && Events.Count(e => e.Id == eventId.Id) >= w.Count).ToList())
            {
                _waiters.Remove(waiter);
                waiter.Reached.TrySetResult();
            }
        }
    }

    public void Dispose()
    {
    }

    private sealed class Logger(string category, CapturedLogs logs) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            logs.Events.Enqueue(eventId);
            logs.Lines.Enqueue($"{logLevel} {category}: {formatter(state, exception)} {exception}");
            logs.Written(eventId);
        }
    }
}
