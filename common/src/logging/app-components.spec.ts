import 'reflect-metadata';
import {
  Inject,
  Injectable,
  Logger,
  Module,
  type DynamicModule,
  type INestApplication,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { InjectPinoLogger, PinoLogger } from 'nestjs-pino';
import { pino } from 'pino';
import { httpUrl, startNestApp } from '../lifecycle/nest-app.js';
import { loggingModule } from './logging.module.js';

interface Line {
  readonly component: string;
  readonly msg: string;
  readonly speaker?: string;
  readonly context?: string;
  readonly req?: { url: string };
}

const SPEAKER = Symbol('speaker');

/** Logs every way our apps do: an injected PinoLogger, a named one, and Nest's own Logger. */
@Injectable()
class Speaker implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly nest = new Logger('Speaker');
  /** A line logged from a later callback, as watches and timers do. */
  later: Promise<void> = Promise.resolve();

  constructor(
    @Inject(SPEAKER) private readonly name: string,
    private readonly pinoLogger: PinoLogger,
    @InjectPinoLogger('NamedSpeaker') private readonly named: PinoLogger,
  ) {
    pinoLogger.setContext('Speaker');
  }

  onApplicationBootstrap(): void {
    const speaker = this.name;
    this.pinoLogger.info({ speaker }, 'Spoke through PinoLogger');
    this.named.info({ speaker }, 'Spoke through InjectPinoLogger');
    this.nest.log({ speaker, msg: 'Spoke through Nest Logger' });
    this.later = new Promise((resolve) =>
      setImmediate(() => {
        this.nest.log({ speaker, msg: 'Spoke later through Nest Logger' });
        resolve();
      }),
    );
  }

  onApplicationShutdown(): void {
    this.nest.log({ speaker: this.name, msg: 'Stopped speaking' });
  }
}

@Module({})
class SpeakerModule {
  static forRoot(component: string, logger: pino.Logger): DynamicModule {
    return {
      module: SpeakerModule,
      imports: [loggingModule(logger)],
      providers: [{ provide: SPEAKER, useValue: component }, Speaker],
    };
  }
}

// Local mode runs the API and the operator in one process: each app's lines, Nest's own
// included, must carry that app's component, whichever app started first or stops first.
describe('two Nest apps in one process', () => {
  const lines: Line[] = [];
  const destination = { write: (line: string) => void lines.push(JSON.parse(line) as Line) };
  const logger = (component: string) => pino({ base: { component } }, destination);
  const apps: INestApplication[] = [];

  beforeAll(async () => {
    for (const component of ['operator', 'api']) {
      const app = await startNestApp(SpeakerModule.forRoot(component, logger(component)), {
        host: '127.0.0.1',
        port: 0,
      });
      apps.push(app);
      await app.get(Speaker).later;
    }
    for (const [i, app] of apps.entries()) await fetch(`${httpUrl(app)}/nowhere-${i}`);
    for (const app of apps) await app.close();
  });

  const messages = (component: string) =>
    lines.filter((l) => l.component === component).map((l) => l.msg);

  it('labels the lines our code logs with the app that logged them', () => {
    const spoken = lines.filter((l) => l.speaker !== undefined);
    expect(spoken.map((l) => [l.speaker, l.msg]).sort()).toEqual(
      ['api', 'operator']
        .flatMap((speaker) =>
          [
            'Spoke through PinoLogger',
            'Spoke through InjectPinoLogger',
            'Spoke through Nest Logger',
            'Spoke later through Nest Logger',
            'Stopped speaking',
          ].map((msg) => [speaker, msg]),
        )
        .sort(),
    );
    expect(spoken.filter((l) => l.component !== l.speaker)).toEqual([]);
  });

  it('gives every injection its own PinoLogger, so each keeps its context', () => {
    const contexts = (msg: string) => lines.filter((l) => l.msg === msg).map((l) => l.context);
    expect(contexts('Spoke through PinoLogger')).toEqual(['Speaker', 'Speaker']);
    expect(contexts('Spoke through InjectPinoLogger')).toEqual(['NamedSpeaker', 'NamedSpeaker']);
  });

  it("logs each app's requests with that app's component", () => {
    const requests = lines.filter((l) => l.req !== undefined);
    expect(requests.map((l) => [l.component, l.req?.url]).sort()).toEqual([
      ['api', '/nowhere-1'],
      ['operator', '/nowhere-0'],
    ]);
  });

  it("gives each app Nest's own lines, no more and no fewer than the other", () => {
    expect(messages('operator')).toContain('Nest application successfully started');
    expect(messages('operator').sort()).toEqual(messages('api').sort());
  });
});
