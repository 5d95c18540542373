import { tool } from '@langchain/core/tools';
import { z } from 'zod';

/** Records which tools really executed, so the transcript can prove a blocked call never ran. */
export const executed: string[] = [];

export const getWeather = tool(
  async ({ city }) => {
    executed.push(`get_weather(${city})`);
    return `${city}: sunny, 22°C, light breeze`;
  },
  { name: 'get_weather', description: 'Current weather for a city', schema: z.object({ city: z.string() }) },
);

export const runShell = tool(
  async ({ command }) => {
    executed.push(`run_shell(${command})`);
    return `ran: ${command}`;
  },
  {
    name: 'run_shell',
    description: 'Run a shell command on the build server',
    schema: z.object({ command: z.string() }),
  },
);
