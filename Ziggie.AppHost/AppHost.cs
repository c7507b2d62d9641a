var builder = DistributedApplication.CreateBuilder(args);
builder.AddProject<Projects.Ziggie_Backend>("backend");
builder.Build().Run();
