// Asks for a password on the terminal without echoing it.
export function askHidden(prompt: string): Promise<string> {
  const input = process.stdin;
  if (!input.isTTY) return Promise.reject(new Error('Set LOTLINE_PASSWORD to the password (standard input is not a terminal to ask on)'));
  process.stderr.write(prompt);
  return new Promise((resolve, reject) => {
    let text = '';
    const done = (error?: Error) => {
      input.setRawMode(false);
      input.pause();
      input.off('data', onData);
      process.stderr.write('\n');
      if (error) reject(error);
      else resolve(text);
    };
    const onData = (chunk: Buffer) => {
      for (const char of chunk.toString('utf8')) {
        if (char === '\r' || char === '\n') return done();
        if (char === '\u0003') return done(new Error('Cancelled'));
        text = char === '\u007f' || char === '\b' ? text.slice(0, -1) : text + char;
      }
    };
    input.setRawMode(true);
    input.resume();
    input.on('data', onData);
  });
}
