var builder = WebApplication.CreateSlimBuilder(args);
builder.Logging.ClearProviders();
var app = builder.Build();
app.MapGet("/", () => Results.Text("""{"message":"Hello, World!","user":"bench@example.com"}""", "application/json"));
await app.RunAsync();
